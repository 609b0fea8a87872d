import { Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { AssignmentService } from './assignment.service.js';

@EventConsumer()
export class EscalationsConsumer {
  constructor(private readonly assignment: AssignmentService) {}

  @ConsumeEvents(Topics.Escalations)
  async onEscalations(@Payload() batch: EventBatch<typeof Topics.Escalations>): Promise<void> {
    for (const event of batch.events)
      await this.assignment.route(event.data, batch, event.traceparent);
  }
}
