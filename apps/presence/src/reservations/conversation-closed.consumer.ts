import { agentAvailabilityChangedType, Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { availabilityOf } from '../agents/availability.js';
import { ReservationsService } from './reservations.service.js';

/**
 * Gives the chat slots of closed conversations back (resolved, or the customer left), one store
 * write per tenant and batch, and tells routing which agents are free again.
 */
@EventConsumer()
export class ConversationClosedConsumer {
  constructor(private readonly reservations: ReservationsService) {}

  @ConsumeEvents(Topics.ConversationLifecycle)
  async onConversationClosed(
    @Payload() batch: EventBatch<typeof Topics.ConversationLifecycle>,
  ): Promise<void> {
    const byTenant = new Map<string, string[]>();
    for (const { data } of batch.events) {
      const conversations = byTenant.get(data.tenantId) ?? [];
      conversations.push(data.conversationId);
      byTenant.set(data.tenantId, conversations);
    }
    const freed = await Promise.all(
      [...byTenant].map(([tenantId, conversationIds]) =>
        this.reservations.closeAll(tenantId, conversationIds),
      ),
    );
    const last = batch.events.at(-1)!;
    for (const agent of freed.flat()) {
      const { data, id } = availabilityOf(agent, 'slot_released', last.id, new Date(last.time));
      batch.emit(agentAvailabilityChangedType, data, { id });
    }
  }
}
