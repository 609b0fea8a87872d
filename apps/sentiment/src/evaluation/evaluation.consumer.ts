import { Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { EvaluationService } from './evaluation.service.js';

@EventConsumer()
export class EvaluationConsumer {
  constructor(private readonly evaluation: EvaluationService) {}

  @ConsumeEvents(Topics.ConversationMessages)
  async onMessagesRecorded(
    @Payload() batch: EventBatch<typeof Topics.ConversationMessages>,
  ): Promise<void> {
    await this.evaluation.evaluate(batch.events, batch, (undo) => batch.onFailure(undo));
  }
}
