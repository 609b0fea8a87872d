import { agentAvailabilityChangedType, Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { availabilityOf } from '../agents/availability.js';
import { ReservationsService } from './reservations.service.js';

/**
 * Gives a conversation's chat slot back when it is closed (resolved, or the customer left), and
 * tells routing the agent is free again.
 */
@EventConsumer()
export class ConversationClosedConsumer {
  constructor(private readonly reservations: ReservationsService) {}

  @ConsumeEvents(Topics.ConversationLifecycle)
  async onConversationClosed(
    @Payload() batch: EventBatch<typeof Topics.ConversationLifecycle>,
  ): Promise<void> {
    for (const event of batch.events) {
      const { tenantId, conversationId } = event.data;
      const freed = await this.reservations.releaseAll(tenantId, [conversationId]);
      for (const agent of freed) {
        const { data, id } = availabilityOf(agent, 'slot_released', event.id, new Date(event.time));
        batch.emit(agentAvailabilityChangedType, data, { id });
      }
    }
  }
}
