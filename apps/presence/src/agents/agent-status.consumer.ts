import { Controller } from '@nestjs/common';
import { Topics } from '@handoff/contracts';
import { InboundEvents } from '@handoff/messaging';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { AgentsService } from './agents.service.js';

@Controller()
export class AgentStatusConsumer {
  constructor(
    private readonly inbound: InboundEvents,
    private readonly agents: AgentsService,
  ) {}

  @EventPattern(Topics.AgentStatus)
  async onAgentStatus(@Ctx() context: KafkaContext): Promise<void> {
    await this.inbound.handle(Topics.AgentStatus, context, async (event) => {
      await this.agents.applyStatus(event.data, new Date(event.time));
    });
  }
}
