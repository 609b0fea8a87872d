import type { RoutingDecided } from '@handoff/contracts';
import type { DecisionRecord } from '../conversations/conversation.records.js';

/** What the conversation keeps of a routing decision. */
export function decisionRecord(decision: RoutingDecided): DecisionRecord {
  return {
    _id: decision.decisionId,
    conversationId: decision.conversationId,
    tenantId: decision.tenantId,
    escalationId: decision.escalationId,
    outcome: decision.outcome,
    ...(decision.agent
      ? { agentId: decision.agent.agentId, agentDisplayName: decision.agent.displayName }
      : {}),
    ...(decision.queue ? { queueReason: decision.queue.reason } : {}),
    decidedAt: new Date(decision.decidedAt),
  };
}
