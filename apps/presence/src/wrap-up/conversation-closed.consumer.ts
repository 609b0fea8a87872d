import { agentAvailabilityChangedType, agentStatusChangedType, Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { availabilityOf } from '../agents/availability.js';
import { ReservationsService } from '../reservations/reservations.service.js';
import { WrapUps } from './wrap-ups.js';

/**
 * Gives the slots of closed conversations back (resolved, or the customer left), one store write
 * per tenant and batch; puts their agents into wrap-up when they take one, and tells routing what
 * each agent can take now.
 */
@EventConsumer()
export class ConversationClosedConsumer {
  constructor(
    private readonly reservations: ReservationsService,
    private readonly wrapUps: WrapUps,
  ) {}

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
    const freed = (
      await Promise.all(
        [...byTenant].map(([tenantId, conversationIds]) =>
          this.reservations.closeAll(tenantId, conversationIds),
        ),
      )
    ).flat();
    const last = batch.events.at(-1)!;
    const now = new Date();
    for (const { change, id } of await this.wrapUps.begin(freed, last.id, now))
      batch.emit(agentStatusChangedType, change, { id, time: now });
    for (const agent of freed) {
      const { data, id } = availabilityOf(agent, 'slot_released', last.id, new Date(last.time));
      batch.emit(agentAvailabilityChangedType, data, { id });
    }
  }
}
