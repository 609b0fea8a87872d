import type { ContextPacket } from '@handoff/contracts';
import { extractiveSummary, type SummaryInput } from './extractive-summary.js';

export type Summary = ContextPacket['summary'];

/** Writes the case's summary for the agent. */
export interface Summariser {
  summarise(tenantId: string, input: SummaryInput): Promise<Summary>;
}

/** The default: the customer's own key sentences, computed here, nothing sent anywhere. */
export class ExtractiveSummariser implements Summariser {
  summarise(_tenantId: string, input: SummaryInput): Promise<Summary> {
    return Promise.resolve({ sentences: extractiveSummary(input), method: 'extractive' });
  }
}

export const Summariser = Symbol('Summariser');
