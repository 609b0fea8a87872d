import { Logger } from '@nestjs/common';
import {
  commandResultType,
  deriveId,
  deskResultType,
  offersListRequestedType,
  offerAnsweredType,
  offerExpiredType,
  queueDueType,
  transferRequestedType,
  routingDecidedType,
  routingEnqueuedType,
  routingWithdrawnType,
  Topics,
  type TopicPayloads,
} from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { meter } from '@handoff/service-kit';
import { Payload } from '@nestjs/microservices';
import { QueueRouter, type QueueChange, type Routed } from './queue-router.js';

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
      const change = changeOf(event);
      if (!change) continue;
      tenant.changes.push(change);
      if (event.traceparent) tenant.traceparent = event.traceparent;
      byTenant.set(event.data.tenantId, tenant);
    }
    const routed = await Promise.all(
      [...byTenant].map(async ([tenantId, { changes, traceparent }]) => {
        batch.onFailure(() => this.router.drop(tenantId));
        return { traceparent, routed: await this.router.apply(tenantId, batch.partition, changes) };
      }),
    );
    for (const { routed: outcome, traceparent } of routed)
      this.announce(batch, outcome, traceparent);
  }

  @ConsumeEvents(Topics.AgentAvailability)
  async onAvailability(
    @Payload() batch: EventBatch<typeof Topics.AgentAvailability>,
  ): Promise<void> {
    // Whether each agent is still there after the batch, by tenant: offers pending for those who
    // are not (gone from online, or at the end of their shift) go elsewhere.
    const statuses = new Map<string, Map<string, boolean>>();
    for (const { data } of batch.events) {
      const agents = statuses.get(data.tenantId) ?? new Map<string, boolean>();
      agents.set(data.agentId, data.status === 'online' && data.cause !== 'shift_ended');
      statuses.set(data.tenantId, agents);
    }
    const routed = await Promise.all(
      [...statuses].map(([tenantId, agents]) => {
        batch.onFailure(() => this.router.drop(tenantId));
        const unavailable = [...agents].filter(([, present]) => !present);
        return this.router.drain(
          tenantId,
          batch.partition,
          unavailable.map(([agentId]) => agentId),
        );
      }),
    );
    for (const outcome of routed) this.announce(batch, outcome);
  }

  private announce(
    batch: EventBatch<typeof Topics.RoutingQueue | typeof Topics.AgentAvailability>,
    { decisions, results, deskResults, forget }: Routed,
    traceparent?: string,
  ): void {
    batch.afterPublished(forget);
    for (const result of results)
      batch.emit(commandResultType, result, { id: `result:${result.commandId}` });
    for (const result of deskResults)
      batch.emit(deskResultType, result, { id: deriveId('desk-result', result.commandId) });
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

function changeOf(event: TopicPayloads[typeof Topics.RoutingQueue]): QueueChange | undefined {
  switch (event.type) {
    case routingEnqueuedType:
      return { kind: 'enqueued', data: event.data };
    case routingWithdrawnType:
      return { kind: 'withdrawn', data: event.data };
    case offerAnsweredType:
      return { kind: 'answered', data: event.data };
    case offerExpiredType:
      return { kind: 'expired', data: event.data };
    case queueDueType:
      return { kind: 'due', data: event.data };
    case transferRequestedType:
      return { kind: 'transfer', data: event.data };
    case offersListRequestedType:
      return { kind: 'list', data: event.data };
  }
  return undefined;
}
