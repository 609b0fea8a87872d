import { Injectable, Logger } from '@nestjs/common';
import {
  conversationControlRequestedType,
  customerNotificationRequestedType,
  deriveId,
  type RoutingDecided,
} from '@handoff/contracts';
import type { EventSink } from '@handoff/messaging';
import { ConversationsService } from '../conversations/conversations.service.js';
import { renderNotification } from '../notifications/notification-templates.js';

/**
 * Turns a routing decision into what the bot platform must do: tell the customer what is
 * happening, and pause the bot while a human has (or is about to have) the conversation.
 * Event ids derive from the decision, so a redelivered decision yields recognisable duplicates.
 */
@Injectable()
export class HandoffService {
  private readonly logger = new Logger(HandoffService.name);

  constructor(private readonly conversations: ConversationsService) {}

  async applyDecision(
    decision: RoutingDecided,
    sink: EventSink,
    traceparent?: string,
  ): Promise<void> {
    const conversation = await this.conversations.applyDecision(decision);
    if (decision.outcome === 'queued' && conversation.status === 'assigned') return;

    const assigned = decision.outcome === 'assigned';
    const template = assigned ? 'handoff.connecting' : 'handoff.queued';
    const rendered = renderNotification(template, conversation.language, {
      agentName: decision.agent?.displayName ?? '',
    });
    const now = new Date().toISOString();

    const trace = traceparent ? { traceparent } : {};
    sink.emit(
      customerNotificationRequestedType,
      {
        notificationId: deriveId('notice', decision.decisionId),
        conversationId: decision.conversationId,
        tenantId: decision.tenantId,
        channel: conversation.channel,
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
        action: 'pause_bot',
        reason: assigned ? 'agent_assigned' : 'queued_for_agent',
        ...(decision.agent ? { agentId: decision.agent.agentId } : {}),
        requestedAt: now,
      },
      { id: deriveId('control', decision.decisionId), ...trace },
    );
    this.logger.log({
      message: 'handoff applied',
      conversationId: decision.conversationId,
      outcome: decision.outcome,
    });
  }
}
