import {
  agentAvailabilityChangedType,
  agentShiftsScheduledType,
  agentStatusChangedType,
  Topics,
  type AgentShiftsScheduled,
  type AgentStatusChanged,
} from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { ShiftSchedules } from '../shifts/shift-schedules.js';
import { AgentsService } from './agents.service.js';
import { availabilityOf, statusAnnouncements } from './availability.js';

/**
 * Status changes from desks and workforce tools, and the tools' shift schedules; every agent they
 * change is announced to routing. A bad schedule is refused before anything of the batch applies.
 */
@EventConsumer()
export class AgentStatusConsumer {
  constructor(
    private readonly agents: AgentsService,
    private readonly shifts: ShiftSchedules,
  ) {}

  @ConsumeEvents(Topics.AgentStatus)
  async onAgentStatus(@Payload() batch: EventBatch<typeof Topics.AgentStatus>): Promise<void> {
    const changes: { change: AgentStatusChanged; at: Date; id: string }[] = [];
    const schedules: { data: AgentShiftsScheduled; at: Date; id: string }[] = [];
    for (const event of batch.events) {
      const at = new Date(event.time);
      if (event.type === agentStatusChangedType)
        changes.push({ change: event.data, at, id: event.id });
      else if (event.type === agentShiftsScheduledType)
        schedules.push({ data: event.data, at, id: event.id });
    }
    const checked = this.shifts.check(schedules);
    for (const { data, id } of statusAnnouncements(await this.agents.applyStatuses(changes)))
      batch.emit(agentAvailabilityChangedType, data, { id });
    for (const { entry, causeId } of await this.shifts.apply(checked)) {
      const at = new Date(entry.schedule!.receivedAt);
      const { data, id } = availabilityOf(entry, 'schedule_changed', causeId, at);
      batch.emit(agentAvailabilityChangedType, data, { id });
    }
  }
}
