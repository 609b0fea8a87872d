import { deriveId, type Placed__Output, type RoutingDecided } from '@handoff/contracts';
import type { Offer } from './offers.js';
import type { RoutedBy, Unserved } from './queue-plans.js';
import type { QueueEntry } from './tenant-queue.js';

export type QueueReason = NonNullable<RoutingDecided['queue']>['reason'];
export type EndedBy = 'declined' | 'expired' | 'agent_unavailable';

function base(entry: QueueEntry) {
  return {
    escalationId: entry.escalationId,
    conversationId: entry.conversationId,
    tenantId: entry.tenantId,
    ...(entry.channel ? { channel: entry.channel } : {}),
    requirements: entry.requirements,
  };
}

interface Agent {
  agentId: string;
  displayName: string;
}

/** The conversation is the agent's: placed with them directly, or they accepted its offer. */
export function assignedDecision(
  entry: QueueEntry,
  agent: Agent,
  routedBy: RoutedBy | undefined,
  at: Date,
): RoutingDecided {
  return {
    decisionId: deriveId('decision', entry.escalationId),
    ...base(entry),
    outcome: 'assigned',
    agent: { agentId: agent.agentId, displayName: agent.displayName || agent.agentId },
    ...(routedBy ? { routedBy } : {}),
    decidedAt: at.toISOString(),
  };
}

/** The agent has a slot held for the conversation until the offer expires. */
export function offeredDecision(offer: Offer, at: Date): RoutingDecided {
  return {
    decisionId: deriveId('decision', offer.offerId),
    ...base(offer.entry),
    outcome: 'offered',
    agent: { agentId: offer.agentId, displayName: offer.displayName || offer.agentId },
    offer: { offerId: offer.offerId, expiresAt: offer.expiresAt.toISOString() },
    ...(offer.routedBy ? { routedBy: offer.routedBy } : {}),
    decidedAt: at.toISOString(),
  };
}

/** The offer was declined or ran out: the conversation goes back to the queue for someone else. */
export function reroutedDecision(offer: Offer, endedBy: EndedBy, at: Date): RoutingDecided {
  return {
    decisionId: deriveId('decision', offer.offerId, 'rerouted'),
    ...base(offer.entry),
    outcome: 'rerouted',
    agent: { agentId: offer.agentId, displayName: offer.displayName || offer.agentId },
    offer: { offerId: offer.offerId, endedBy },
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

export interface Waiting {
  reason: QueueReason;
  queue: string;
  position: number;
  estimatedWaitSeconds?: number;
}

/**
 * The conversation waits, at this place in its queue. The first says so; later ones (its place or
 * estimate changed) have ids of their own, the same for the same place and estimate.
 */
export function queuedDecision(
  entry: QueueEntry,
  waiting: Waiting,
  at: Date,
  update = false,
): RoutingDecided {
  const { reason, queue, position, estimatedWaitSeconds } = waiting;
  const id = update
    ? deriveId(
        'decision',
        entry.escalationId,
        'queued',
        String(position),
        String(estimatedWaitSeconds),
      )
    : deriveId('decision', entry.escalationId, 'queued');
  return {
    decisionId: id,
    ...base(entry),
    outcome: 'queued',
    queue: {
      reason,
      position,
      ...(queue ? { name: queue } : {}),
      ...(estimatedWaitSeconds !== undefined ? { estimatedWaitSeconds } : {}),
    },
    decidedAt: at.toISOString(),
  };
}

/** No agent for it now, and it is not to wait: the customer is offered what the queue's policy says. */
export function unservedDecision(
  entry: QueueEntry,
  outcome: 'deflected' | 'expired',
  unserved: Unserved,
  at: Date,
): RoutingDecided {
  return {
    decisionId: deriveId('decision', entry.escalationId, outcome),
    ...base(entry),
    outcome,
    unserved,
    decidedAt: at.toISOString(),
  };
}

/** An agent hands the conversation on; the decisions that follow say where it went. */
export function transferredDecision(
  entry: QueueEntry,
  transfer: NonNullable<RoutingDecided['transfer']>,
  at: Date,
): RoutingDecided {
  return {
    decisionId: deriveId('decision', entry.escalationId, 'transferred'),
    ...base(entry),
    outcome: 'transferred',
    transfer,
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
