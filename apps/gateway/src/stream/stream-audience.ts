import { Topics, type CloudEvent } from '@handoff/contracts';
import { seesWholeTenant, type Principal } from '@handoff/service-kit';
import type { ConversationHolders } from './conversation-holders.js';

/** Who may see one streamed event: its tenant's supervisors and admins, and these agents. */
export interface StreamAudience {
  tenantId: string;
  agentIds: readonly string[];
}

type EventData = Record<string, any>;

/**
 * The agents an event concerns: their own offers and assignments, their own command results and
 * context packets, their own availability, and what happens in the conversations they hold
 * (notices, agents' messages, and that the customer or the bot wrote).
 * Holders are looked up when the event arrives, after the decisions before it were applied.
 */
export function audienceOf(
  topic: string,
  event: CloudEvent,
  holders: ConversationHolders,
): StreamAudience {
  const data = event.data as EventData;
  const tenantId = event.tenantid;
  switch (topic) {
    case Topics.RoutingDecisions:
      return {
        tenantId,
        agentIds: present(data['agent']?.agentId, data['transfer']?.fromAgentId),
      };
    case Topics.AgentCommandResults:
    case Topics.AgentAvailability:
      return { tenantId, agentIds: present(data['agentId']) };
    case Topics.ConversationContext:
      return {
        tenantId,
        agentIds: data['agentId'] ? [data['agentId']] : holders.of(data['conversationId']),
      };
    case Topics.CustomerNotifications:
    case Topics.AgentMessages:
    case Topics.ConversationMessages:
      return { tenantId, agentIds: holders.of(data['conversationId']) };
    default:
      return { tenantId, agentIds: [] };
  }
}

export function mayReceive(principal: Principal, audience: StreamAudience): boolean {
  if (principal.tenantId !== audience.tenantId) return false;
  return seesWholeTenant(principal) || audience.agentIds.includes(principal.subject);
}

function present(...values: unknown[]): string[] {
  return values.filter((value): value is string => typeof value === 'string');
}
