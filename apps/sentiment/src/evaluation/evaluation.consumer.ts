import { Controller } from '@nestjs/common';
import { Topics } from '@handoff/contracts';
import { InboundEvents } from '@handoff/messaging';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { EvaluationService } from './evaluation.service.js';

@Controller()
export class EvaluationConsumer {
  constructor(
    private readonly inbound: InboundEvents,
    private readonly evaluation: EvaluationService,
  ) {}

  @EventPattern(Topics.ConversationMessages)
  async onMessageRecorded(@Ctx() context: KafkaContext): Promise<void> {
    await this.inbound.handle(Topics.ConversationMessages, context, (event) => this.evaluation.evaluate(event.data));
  }
}
