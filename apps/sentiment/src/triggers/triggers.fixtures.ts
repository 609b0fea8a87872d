import type { TriggerRules } from '@handoff/contracts';
import type { EscalationScorer } from './conversation-triggers.js';
import { dryRun, type DryRunTurn, type TranscriptMessage } from './dry-run.js';

export const customer = (text: string): TranscriptMessage => ({ sender: 'customer', text });
export const bot = (text: string, bot: Partial<TranscriptMessage> = {}): TranscriptMessage => ({
  sender: 'bot',
  text,
  ...bot,
});

/** The rules alone: the trained score is covered by its own tests. */
export function rulesOnly(
  transcript: TranscriptMessage[],
  options: {
    rules?: TriggerRules;
    language?: string;
    customerTier?: string;
    variables?: Record<string, string>;
  } = {},
): DryRunTurn[] {
  return dryRun(transcript, { ...options, withoutScore: true });
}

/** The kinds that fired on the last message. */
export const kindsAtEnd = (turns: DryRunTurn[]) => turns.at(-1)!.fired.map(({ kind }) => kind);

/** A model that scores what the test says, to check the trigger around it. */
export const scorerGiving = (score: number): EscalationScorer => ({
  version: 'test-1',
  threshold: 0.7,
  score: () => score,
});
