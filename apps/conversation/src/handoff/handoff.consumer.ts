import { Controller } from '@nestjs/common';
import { Topics } from '@handoff/contracts';
import { InboundEvents } from '@handoff/messaging';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ConversationsService } from '../conversations/conversations.service.js';
import { HandoffService } from './handoff.service.js';

/** Follows a conversation through escalation and routing. */
@Controller()
export class HandoffConsumer {
  constructor(
    private readonly inbound: InboundEvents,
    private readonly conversations: ConversationsService,
    private readonly handoff: HandoffService,
  ) {}

  @EventPattern(Topics.Escalations)
  async onEscalation(@Ctx() context: KafkaContext): Promise<void> {
    await this.inbound.handle(Topics.Escalations, context, (event) => this.conversations.recordEscalation(event.data));
  }

  @EventPattern(Topics.RoutingDecisions)
  async onRoutingDecision(@Ctx() context: KafkaContext): Promise<void> {
    await this.inbound.handle(Topics.RoutingDecisions, context, (event) => this.handoff.applyDecision(event.data));
  }
}
