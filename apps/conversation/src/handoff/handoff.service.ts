import { Injectable, Logger } from '@nestjs/common';
import {
  conversationControlRequestedType,
  customerNotificationRequestedType,
  deriveId,
  type RoutingDecided,
} from '@handoff/contracts';
import type { EventSink } from '@handoff/messaging';
import { meter } from '@handoff/service-kit';
import type { DecisionRecord } from '../conversations/conversation.records.js';
import {
  renderNotification,
  type NotificationTemplate,
} from '../notifications/notification-templates.js';

const ignoredOutcomes = meter().createCounter('handoff_decisions_ignored_total', {
  description: 'Routing decisions with an outcome this version does not know, by outcome',
});

/** Conversations assigned recently, newest last, so a late "queued" does not reach the customer. */
const assignedMemory = 50_000;

/** What the customer is told when no agent will take the conversation, by the queue's policy. */
const unservedTemplates: Record<string, NotificationTemplate> = {
  callback: 'handoff.callback',
  leave_message: 'handoff.leave_message',
  stay_with_bot: 'handoff.back_to_bot',
};

/**
 * Turns a routing decision into what the bot platform must do: tell the customer what is
 * happening, in their language, and pause the bot while a human has (or is about to have) the
 * conversation, or resume it when no agent will take it (the queue was closed or full, nobody
 * could serve it, or the wait ran out). The decision carries the language and channel, so nothing is read from the store.
 * Event ids derive from the decision, so a redelivered decision yields recognisable duplicates.
 */
@Injectable()
export class HandoffService {
  private readonly logger = new Logger(HandoffService.name);
  private readonly assigned = new Set<string>();

  /** Emits what the decision calls for and returns the record to keep of it. */
  applyDecision(
    decision: RoutingDecided,
    channel: string,
    sink: EventSink,
    traceparent?: string,
  ): DecisionRecord {
    const record = decisionRecord(decision);
    const unserved = decision.outcome === 'deflected' || decision.outcome === 'expired';
    if (decision.outcome !== 'assigned' && decision.outcome !== 'queued' && !unserved) {
      ignoredOutcomes.add(1, { outcome: decision.outcome });
      return record;
    }
    const assigned = decision.outcome === 'assigned';
    if (assigned) this.remember(decision.conversationId);
    else if (this.assigned.has(decision.conversationId)) return record;

    const template = assigned
      ? 'handoff.connecting'
      : unserved
        ? (unservedTemplates[decision.unserved?.policy ?? ''] ?? 'handoff.back_to_bot')
        : 'handoff.queued';
    const wait = decision.queue?.estimatedWaitSeconds;
    const rendered = renderNotification(template, decision.requirements.language, {
      agentName: decision.agent?.displayName ?? '',
      ...(decision.queue?.position ? { position: decision.queue.position } : {}),
      ...(wait !== undefined ? { waitMinutes: Math.max(1, Math.ceil(wait / 60)) } : {}),
    });
    const now = new Date().toISOString();
    const trace = traceparent ? { traceparent } : {};
    sink.emit(
      customerNotificationRequestedType,
      {
        notificationId: deriveId('notice', decision.decisionId),
        conversationId: decision.conversationId,
        tenantId: decision.tenantId,
        channel,
        language: rendered.language,
        template,
        text: rendered.text,
        createdAt: now,
      },
      { id: deriveId('notice', decision.decisionId), ...trace },
    );
    sink.emit(
      conversationControlRequestedType,
      {
        conversationId: decision.conversationId,
        tenantId: decision.tenantId,
        action: unserved ? 'resume_bot' : 'pause_bot',
        reason: assigned ? 'agent_assigned' : unserved ? 'no_agent_available' : 'queued_for_agent',
        ...(decision.agent ? { agentId: decision.agent.agentId } : {}),
        requestedAt: now,
      },
      { id: deriveId('control', decision.decisionId), ...trace },
    );
    this.logger.debug({
      message: 'handoff applied',
      conversationId: decision.conversationId,
      outcome: decision.outcome,
    });
    return record;
  }

  private remember(conversationId: string): void {
    this.assigned.delete(conversationId);
    this.assigned.add(conversationId);
    if (this.assigned.size > assignedMemory)
      this.assigned.delete(this.assigned.values().next().value!);
  }
}

/** The record kept of a routing decision. */
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
