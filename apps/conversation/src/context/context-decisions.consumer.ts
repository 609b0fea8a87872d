import { Logger } from '@nestjs/common';
import { contextPacketType, deriveId, Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, TransientError, type EventBatch } from '@handoff/messaging';
import { meter } from '@handoff/service-kit';
import { Payload } from '@nestjs/microservices';
import { decisionRecord } from '../handoff/decision-record.js';
import { ContextService, type PacketRequest } from './context.service.js';

const notYetKnown = meter().createCounter('handoff_context_packets_skipped_total', {
  description:
    'Offers and assignments whose conversation was still not stored after the wait, so no packet was published',
});

/**
 * How long a decision waits for its conversation's own events to be stored (they travel on
 * another topic and may come later): the batch is retried meanwhile, then the packet is skipped.
 */
export const conversationWaitMs = 5_000;

/**
 * When an agent is offered or assigned a conversation (or takes it over by transfer), they get its
 * context packet on handoff.conversation.context.v1, with an id derived from the decision.
 */
@EventConsumer()
export class ContextDecisionsConsumer {
  private readonly logger = new Logger(ContextDecisionsConsumer.name);

  constructor(private readonly context: ContextService) {}

  @ConsumeEvents(Topics.RoutingDecisions)
  async onRoutingDecisions(
    @Payload() batch: EventBatch<typeof Topics.RoutingDecisions>,
  ): Promise<void> {
    const records = batch.events.map(({ data }) => decisionRecord(data));
    const requests: (PacketRequest & { traceparent?: string })[] = batch.events
      .filter(
        ({ data }) => data.agent && (data.outcome === 'offered' || data.outcome === 'assigned'),
      )
      .map(({ data, traceparent }) => ({
        conversationId: data.conversationId,
        tenantId: data.tenantId,
        decision: data,
        decisions: records.filter(({ conversationId }) => conversationId === data.conversationId),
        options: { packetId: deriveId('context', data.decisionId), agentId: data.agent!.agentId },
        partition: batch.partition,
        ...(traceparent ? { traceparent } : {}),
      }));
    if (requests.length === 0) return;
    const packets = await this.context.packets(requests);
    const waiting = requests.find(
      ({ decision }, index) =>
        !packets[index] && Date.now() - Date.parse(decision!.decidedAt) < conversationWaitMs,
    );
    if (waiting)
      throw new TransientError(
        `waiting for conversation ${waiting.conversationId} to be stored before its context packet`,
      );
    packets.forEach((packet, index) => {
      const { conversationId, traceparent } = requests[index]!;
      if (!packet) {
        // Still not stored after the wait; the desk can ask for the packet once it is.
        notYetKnown.add(1);
        this.logger.warn({ message: 'no packet: conversation not stored yet', conversationId });
        return;
      }
      batch.emit(contextPacketType, packet, {
        id: packet.packetId,
        ...(traceparent ? { traceparent } : {}),
      });
    });
  }
}
