import { Controller } from '@nestjs/common';
import { Topics } from '@handoff/contracts';
import { InboundEvents } from '@handoff/messaging';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { AssignmentService } from './assignment.service.js';

@Controller()
export class EscalationsConsumer {
  constructor(
    private readonly inbound: InboundEvents,
    private readonly assignment: AssignmentService,
  ) {}

  @EventPattern(Topics.Escalations)
  async onEscalation(@Ctx() context: KafkaContext): Promise<void> {
    await this.inbound.handle(Topics.Escalations, context, async (event) => {
      await this.assignment.route(event.data);
    });
  }
}
