import { Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { AgentsService } from './agents.service.js';

@EventConsumer()
export class AgentStatusConsumer {
  constructor(private readonly agents: AgentsService) {}

  @ConsumeEvents(Topics.AgentStatus)
  async onAgentStatus(@Payload() batch: EventBatch<typeof Topics.AgentStatus>): Promise<void> {
    await this.agents.applyStatuses(
      batch.events.map((event) => ({ change: event.data, at: new Date(event.time) })),
    );
  }
}
