import { agentAvailabilityChangedType, Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { AgentsService } from './agents.service.js';
import { availabilityOf } from './availability.js';

/** Status changes from desks and workforce tools; every agent they change is announced to routing. */
@EventConsumer()
export class AgentStatusConsumer {
  constructor(private readonly agents: AgentsService) {}

  @ConsumeEvents(Topics.AgentStatus)
  async onAgentStatus(@Payload() batch: EventBatch<typeof Topics.AgentStatus>): Promise<void> {
    const applied = await this.agents.applyStatuses(
      batch.events.map((event) => ({ change: event.data, at: new Date(event.time), id: event.id })),
    );
    for (const { entry, causeId } of applied) {
      const { data, id } = availabilityOf(entry, 'status_changed', causeId, entry.statusChangedAt);
      batch.emit(agentAvailabilityChangedType, data, { id });
    }
  }
}
