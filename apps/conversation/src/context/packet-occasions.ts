import type { RoutingDecided } from '@handoff/contracts';
import type { DecisionRecord } from '../conversations/conversation.records.js';
import { byTime } from './context-records.js';
import type { PacketOccasion } from './context-packet.builder.js';

/** Steps of one placement: an offer, its end, a wait in the queue. They do not end a transfer. */
const placementSteps = new Set(['offered', 'rerouted', 'queued']);

/**
 * Whether a decision calls for a packet, and for which occasion: an agent is offered or assigned
 * the conversation, after a transfer when that is the last thing that happened to it before this
 * placement. Other decisions give the agent nothing new to read.
 */
export function occasionOf(
  decision: Pick<RoutingDecided, 'outcome' | 'decidedAt' | 'decisionId'>,
  earlier: readonly DecisionRecord[],
): PacketOccasion | undefined {
  if (decision.outcome !== 'offered' && decision.outcome !== 'assigned') return undefined;
  const before = earlier
    .filter(
      (record) =>
        record._id !== decision.decisionId &&
        record.decidedAt.getTime() <= Date.parse(decision.decidedAt),
    )
    .sort(byTime((record) => record.decidedAt));
  const last = before.findLast(({ outcome }) => !placementSteps.has(outcome));
  return last?.outcome === 'transferred' ? 'transferred' : decision.outcome;
}
