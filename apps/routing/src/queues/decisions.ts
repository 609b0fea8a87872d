import { deriveId, type Placed__Output, type RoutingDecided } from '@handoff/contracts';
import type { QueueEntry } from './tenant-queue.js';

export type QueueReason = NonNullable<RoutingDecided['queue']>['reason'];

function base(entry: QueueEntry) {
  return {
    escalationId: entry.escalationId,
    conversationId: entry.conversationId,
    tenantId: entry.tenantId,
    ...(entry.channel ? { channel: entry.channel } : {}),
    requirements: entry.requirements,
  };
}

/** The conversation has a slot with the agent presence placed it with. */
export function assignedDecision(
  entry: QueueEntry,
  placed: Placed__Output,
  at: Date,
): RoutingDecided {
  return {
    decisionId: deriveId('decision', entry.escalationId),
    ...base(entry),
    outcome: 'assigned',
    agent: { agentId: placed.agentId, displayName: placed.displayName || placed.agentId },
    decidedAt: at.toISOString(),
  };
}

/** Why nobody took it: nobody online, nobody who fits, or everyone who fits is full. */
export function queueReason(
  placed: Pick<Placed__Output, 'onlineAgents' | 'matchingAgents'>,
): QueueReason {
  if (placed.onlineAgents === 0) return 'no_agent_online';
  if (placed.matchingAgents === 0) return 'no_matching_agent';
  return 'all_agents_busy';
}

/** The conversation waits, at this place in its tenant's queue. */
export function queuedDecision(
  entry: QueueEntry,
  reason: QueueReason,
  position: number,
  at: Date,
): RoutingDecided {
  return {
    decisionId: deriveId('decision', entry.escalationId, 'queued'),
    ...base(entry),
    outcome: 'queued',
    queue: { reason, position },
    decidedAt: at.toISOString(),
  };
}

/** The conversation ended while it waited: it leaves the queue. */
export function abandonedDecision(entry: QueueEntry, at: Date): RoutingDecided {
  return {
    decisionId: deriveId('decision', entry.escalationId, 'abandoned'),
    ...base(entry),
    outcome: 'abandoned',
    decidedAt: at.toISOString(),
  };
}
