import { Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { ConversationsService } from '../conversations/conversations.service.js';
import { HandoffService } from './handoff.service.js';

/** Follows a conversation through escalation and routing. */
@EventConsumer()
export class HandoffConsumer {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly handoff: HandoffService,
  ) {}

  @ConsumeEvents(Topics.Escalations)
  async onEscalations(@Payload() batch: EventBatch<typeof Topics.Escalations>): Promise<void> {
    for (const event of batch.events) await this.conversations.recordEscalation(event.data);
  }

  @ConsumeEvents(Topics.RoutingDecisions)
  async onRoutingDecisions(
    @Payload() batch: EventBatch<typeof Topics.RoutingDecisions>,
  ): Promise<void> {
    for (const event of batch.events)
      await this.handoff.applyDecision(event.data, batch, event.traceparent);
  }
}
