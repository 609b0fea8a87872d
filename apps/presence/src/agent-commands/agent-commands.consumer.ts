import {
  agentAvailabilityChangedType,
  agentHeartbeatType,
  deskResultType,
  setAgentStatusType,
  Topics,
  type SetAgentStatus,
} from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { DeskStatus } from '../desk-status/desk-status.js';
import { HeartbeatWatch } from '../heartbeats/heartbeat-watch.js';

/** Desks' heartbeats and status commands; the other agent commands are routing's. */
@EventConsumer()
export class AgentCommandsConsumer {
  constructor(
    private readonly watch: HeartbeatWatch,
    private readonly deskStatus: DeskStatus,
  ) {}

  @ConsumeEvents(Topics.AgentCommands)
  async onAgentCommands(@Payload() batch: EventBatch<typeof Topics.AgentCommands>): Promise<void> {
    const statusCommands: SetAgentStatus[] = [];
    for (const event of batch.events) {
      if (event.type === agentHeartbeatType)
        this.watch.beat(event.data.tenantId, event.data.agentId, Date.parse(event.data.sentAt));
      else if (event.type === setAgentStatusType) statusCommands.push(event.data);
    }
    if (statusCommands.length === 0) return;
    const { announcements, results } = await this.deskStatus.apply(statusCommands, new Date());
    for (const { data, id } of announcements)
      batch.emit(agentAvailabilityChangedType, data, { id });
    for (const { data, id } of results) batch.emit(deskResultType, data, { id });
  }
}
