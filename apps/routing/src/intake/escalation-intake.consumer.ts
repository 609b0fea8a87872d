import {
  acceptOfferType,
  declineOfferType,
  deriveId,
  offerAnsweredType,
  routingEnqueuedType,
  routingWithdrawnType,
  Topics,
} from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { priorityFor, requirementsFor } from './requirements.js';

/**
 * Turns what arrives keyed by conversation into its tenant's queue, keyed by tenant: an escalation
 * enters the queue with what the agent must bring and how urgent it is, and a conversation that
 * is closed leaves it, and an agent's answer to an offer goes to the queue's owner. Nothing is
 * stored here; the queue's owner decides.
 */
@EventConsumer()
export class EscalationIntakeConsumer {
  @ConsumeEvents(Topics.Escalations)
  onEscalations(@Payload() batch: EventBatch<typeof Topics.Escalations>): void {
    for (const { data, id, traceparent } of batch.events) {
      batch.emit(
        routingEnqueuedType,
        {
          escalationId: data.escalationId,
          conversationId: data.conversationId,
          tenantId: data.tenantId,
          ...(data.channel ? { channel: data.channel } : {}),
          requirements: requirementsFor(data),
          priority: priorityFor(data),
          sentiment: data.sentiment,
          enqueuedAt: data.requestedAt,
        },
        { id: deriveId('enqueued', id), ...(traceparent ? { traceparent } : {}) },
      );
    }
  }

  @ConsumeEvents(Topics.ConversationLifecycle)
  onConversationClosed(@Payload() batch: EventBatch<typeof Topics.ConversationLifecycle>): void {
    for (const event of batch.events) {
      const { conversationId, tenantId, reason } = event.data;
      batch.emit(
        routingWithdrawnType,
        { conversationId, tenantId, reason, withdrawnAt: event.data.closedAt },
        { id: deriveId('withdrawn', event.id) },
      );
    }
  }

  @ConsumeEvents(Topics.AgentCommands)
  onAgentCommands(@Payload() batch: EventBatch<typeof Topics.AgentCommands>): void {
    for (const { type, data, id } of batch.events) {
      // Heartbeats travel here too; they are presence's.
      if (type !== acceptOfferType && type !== declineOfferType) continue;
      batch.emit(
        offerAnsweredType,
        {
          commandId: data.commandId,
          tenantId: data.tenantId,
          agentId: data.agentId,
          conversationId: data.conversationId,
          offerId: data.offerId,
          answer: type === acceptOfferType ? 'accepted' : 'declined',
          ...('reason' in data && data.reason ? { reason: data.reason } : {}),
          answeredAt: data.requestedAt,
        },
        { id: deriveId('answered', id) },
      );
    }
  }
}
