import {
  acceptOfferType,
  declineOfferType,
  deriveId,
  listOffersType,
  offersListRequestedType,
  offerAnsweredType,
  routingEnqueuedType,
  routingWithdrawnType,
  Topics,
  transferConversationType,
  transferRequestedType,
} from '@handoff/contracts';
import {
  ConsumeEvents,
  EventConsumer,
  RejectedEventError,
  type EventBatch,
} from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { QueueCatalog } from '../queue-config/queue-catalog.js';
import { preferredAgentFor, priorityFor, requirementsFor } from './requirements.js';

/**
 * Turns what arrives keyed by conversation into its tenant's queue, keyed by tenant: an escalation
 * enters the queue with what the agent must bring and how urgent it is, and a conversation that
 * is closed leaves it, and an agent's answer to an offer goes to the queue's owner. Nothing is
 * stored here; the queue's owner decides.
 */
@EventConsumer()
export class EscalationIntakeConsumer {
  constructor(private readonly catalog: QueueCatalog) {}

  /** An escalation no queue of its tenant takes (or of a tenant nobody configured) is dead-lettered, saying why. */
  @ConsumeEvents(Topics.Escalations)
  onEscalations(@Payload() batch: EventBatch<typeof Topics.Escalations>): void {
    for (const { data, id, traceparent } of batch.events) {
      const requirements = requirementsFor(data);
      const priority = priorityFor(data);
      const selected = this.catalog.select(data.tenantId, {
        topic: requirements.skills[0]?.name,
        language: data.language,
        channel: data.channel,
        priority,
      });
      if ('rejected' in selected) throw new RejectedEventError(selected.rejected, id);
      const preferredAgentId = preferredAgentFor(data);
      batch.emit(
        routingEnqueuedType,
        {
          escalationId: data.escalationId,
          conversationId: data.conversationId,
          tenantId: data.tenantId,
          ...(data.channel ? { channel: data.channel } : {}),
          requirements,
          priority: Math.min(9, priority + selected.queue.priority),
          queue: selected.queue.name,
          ...(preferredAgentId ? { preferredAgentId } : {}),
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
    for (const event of batch.events) {
      if (event.type === transferConversationType) {
        batch.emit(transferRequestedType, event.data, { id: deriveId('transfer', event.id) });
        continue;
      }
      // The agent's offers are in memory on the instance that owns the tenant's queue.
      if (event.type === listOffersType) {
        batch.emit(offersListRequestedType, event.data, { id: deriveId('offers-list', event.id) });
        continue;
      }
      const { type, data, id } = event;
      // Heartbeats and status commands travel here too; they are presence's.
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
