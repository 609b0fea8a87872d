import {
  commandResultType,
  contextPacketType,
  deriveId,
  requestContextType,
  Topics,
  type RequestContext,
} from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { ContextService } from './context.service.js';

/**
 * A desk asks for a conversation's context packet: it is published with the command's id, and the
 * command answered done, or refused when the tenant has no such conversation. Other commands on
 * the topic are for other features and services.
 */
@EventConsumer()
export class ContextRequestsConsumer {
  constructor(private readonly context: ContextService) {}

  @ConsumeEvents(Topics.AgentCommands)
  async onAgentCommands(@Payload() batch: EventBatch<typeof Topics.AgentCommands>): Promise<void> {
    const requests = batch.events.flatMap((event) =>
      event.type === requestContextType
        ? [{ command: event.data as RequestContext, traceparent: event.traceparent }]
        : [],
    );
    if (requests.length === 0) return;
    const packets = await this.context.packets(
      requests.map(({ command }) => ({
        conversationId: command.conversationId,
        tenantId: command.tenantId,
        occasion: 'requested',
        partition: batch.partition,
        options: {
          packetId: deriveId('context', command.commandId),
          agentId: command.agentId,
          commandId: command.commandId,
        },
      })),
    );
    requests.forEach(({ command, traceparent }, index) => {
      const packet = packets[index];
      const trace = traceparent ? { traceparent } : {};
      if (packet) batch.emit(contextPacketType, packet, { id: packet.packetId, ...trace });
      batch.emit(
        commandResultType,
        {
          commandId: command.commandId,
          tenantId: command.tenantId,
          agentId: command.agentId,
          conversationId: command.conversationId,
          status: packet ? 'done' : 'refused',
          ...(packet
            ? {}
            : {
                reason: `tenant ${command.tenantId} has no conversation ${command.conversationId}`,
              }),
          decidedAt: new Date().toISOString(),
        },
        { id: deriveId('result', command.commandId), ...trace },
      );
    });
  }
}
