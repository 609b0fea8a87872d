import { Logger } from '@nestjs/common';
import {
  routingDecidedType,
  routingEnqueuedType,
  Topics,
  type RoutingDecided,
} from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { meter } from '@handoff/service-kit';
import { Payload } from '@nestjs/microservices';
import { QueueRouter, type QueueChange } from './queue-router.js';

const decisionsCounter = meter().createCounter('handoff_routing_decisions_total', {
  description: 'Routing decisions, by outcome and queue reason',
});

/**
 * The tenant-keyed side of routing: queue arrivals and departures, and presence's availability
 * changes. Both topics are keyed by tenant and assigned together, so this instance sees everything
 * about the tenants it owns; tenants of one partition are worked on at once, each in order.
 */
@EventConsumer()
export class QueueConsumer {
  private readonly logger = new Logger(QueueConsumer.name);

  constructor(private readonly router: QueueRouter) {}

  @ConsumeEvents(Topics.RoutingQueue)
  async onQueue(@Payload() batch: EventBatch<typeof Topics.RoutingQueue>): Promise<void> {
    const byTenant = new Map<string, { changes: QueueChange[]; traceparent?: string }>();
    for (const event of batch.events) {
      const tenant = byTenant.get(event.data.tenantId) ?? { changes: [] };
      tenant.changes.push(
        event.type === routingEnqueuedType
          ? { kind: 'enqueued', data: event.data }
          : { kind: 'withdrawn', data: event.data },
      );
      if (event.traceparent) tenant.traceparent = event.traceparent;
      byTenant.set(event.data.tenantId, tenant);
    }
    const decided = await Promise.all(
      [...byTenant].map(async ([tenantId, { changes, traceparent }]) => ({
        traceparent,
        decisions: await this.router.apply(tenantId, batch.partition, changes),
      })),
    );
    for (const { decisions, traceparent } of decided) this.announce(batch, decisions, traceparent);
  }

  @ConsumeEvents(Topics.AgentAvailability)
  async onAvailability(
    @Payload() batch: EventBatch<typeof Topics.AgentAvailability>,
  ): Promise<void> {
    const tenants = new Set(batch.events.map((event) => event.data.tenantId));
    const decided = await Promise.all(
      [...tenants].map((tenantId) => this.router.drain(tenantId, batch.partition)),
    );
    for (const decisions of decided) this.announce(batch, decisions);
  }

  private announce(
    batch: EventBatch<typeof Topics.RoutingQueue | typeof Topics.AgentAvailability>,
    decisions: readonly RoutingDecided[],
    traceparent?: string,
  ): void {
    for (const decision of decisions) {
      batch.emit(routingDecidedType, decision, {
        id: decision.decisionId,
        ...(traceparent ? { traceparent } : {}),
      });
      decisionsCounter.add(1, {
        outcome: decision.outcome,
        reason: decision.queue?.reason ?? 'none',
      });
      this.logger.debug({
        message: 'routed',
        conversationId: decision.conversationId,
        outcome: decision.outcome,
        agentId: decision.agent?.agentId,
      });
    }
  }
}
