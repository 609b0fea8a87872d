import type { NotificationTemplateName, RoutingDecided } from '@handoff/contracts';
import { queueNotice, waitMinutes, type QueueTold } from './queue-notices.js';

/** What this instance remembers of a conversation's current handoff. */
export interface HandoffMemory {
  /** Decisions of another escalation start afresh. */
  escalationId: string;
  assigned: boolean;
  /** Set once the customer was told they are queued. */
  told?: QueueTold;
}

export type BotControl =
  | { action: 'pause_bot'; reason: 'agent_assigned' | 'queued_for_agent' }
  | { action: 'resume_bot'; reason: 'no_agent_available' };

/** What a routing decision calls for; `memory` is what to remember next (undefined: forget). */
export interface DecisionEffects {
  notice?: {
    template: NotificationTemplateName;
    values: Record<string, string | number | undefined>;
  };
  control?: BotControl;
  memory: HandoffMemory | undefined;
}

/** What the customer is told when no agent will take the conversation, by the queue's policy. */
const unservedTemplates: Record<string, NotificationTemplateName> = {
  callback: 'handoff.callback',
  leave_message: 'handoff.leave_message',
  stay_with_bot: 'handoff.back_to_bot',
};

export function unservedTemplate(unserved: RoutingDecided['unserved']): NotificationTemplateName {
  if (unserved?.reason === 'outside_business_hours') return 'handoff.closed_hours';
  return unservedTemplates[unserved?.policy ?? ''] ?? 'handoff.back_to_bot';
}

/**
 * The notice and bot control a routing decision calls for. Assigned: the agent joined, pause the
 * bot. Queued: the first time, they are queued; then position updates, throttled; the bot stays
 * paused. Deflected or expired: what the queue offers instead, resume the bot. Transferred: to
 * whom, the bot stays paused. A queued, deflected or expired decision arriving after the
 * assignment is late and tells nothing. Other outcomes (offered, rerouted…) tell nothing.
 */
export function decisionEffects(
  decision: RoutingDecided,
  remembered: HandoffMemory | undefined,
  positionUpdateIntervalMs: number,
): DecisionEffects {
  const current = remembered?.escalationId === decision.escalationId ? remembered : undefined;
  const fresh = { escalationId: decision.escalationId, assigned: false };
  switch (decision.outcome) {
    case 'assigned':
      return {
        notice: {
          template: 'handoff.agent_joined',
          values: { agentName: decision.agent?.displayName },
        },
        control: { action: 'pause_bot', reason: 'agent_assigned' },
        memory: { ...fresh, assigned: true },
      };
    case 'queued': {
      if (current?.assigned) return { memory: current };
      const place = {
        position: decision.queue?.position,
        waitMinutes: waitMinutes(decision.queue?.estimatedWaitSeconds),
      };
      const { template, told } = queueNotice(
        current?.told,
        { ...place, at: Date.parse(decision.decidedAt) },
        positionUpdateIntervalMs,
      );
      return {
        ...(template ? { notice: { template, values: place } } : {}),
        control: { action: 'pause_bot', reason: 'queued_for_agent' },
        memory: { ...fresh, told },
      };
    }
    case 'deflected':
    case 'expired':
      if (current?.assigned) return { memory: current };
      return {
        notice: { template: unservedTemplate(decision.unserved), values: {} },
        control: { action: 'resume_bot', reason: 'no_agent_available' },
        // Remembered as decided, so an escalation read after its decision does not say "connecting".
        memory: fresh,
      };
    case 'transferred':
      return {
        notice: {
          template: 'handoff.transferred',
          values: { agentName: decision.agent?.displayName, queue: decision.transfer?.toQueue },
        },
        // Routing follows with the new queue's decision: its place is told at once.
        memory: { ...fresh, told: {} },
      };
    default:
      return { memory: remembered };
  }
}
