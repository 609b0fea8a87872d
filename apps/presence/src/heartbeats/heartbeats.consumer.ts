import { agentHeartbeatType, Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { HeartbeatWatch } from './heartbeat-watch.js';

/** Heartbeats from desks; the other agent commands are routing's. */
@EventConsumer()
export class HeartbeatsConsumer {
  constructor(private readonly watch: HeartbeatWatch) {}

  @ConsumeEvents(Topics.AgentCommands)
  onAgentCommands(@Payload() batch: EventBatch<typeof Topics.AgentCommands>): void {
    for (const event of batch.events)
      if (event.type === agentHeartbeatType)
        this.watch.beat(event.data.tenantId, event.data.agentId, Date.parse(event.data.sentAt));
  }
}
