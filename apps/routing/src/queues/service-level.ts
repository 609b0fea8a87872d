import { meter } from '@handoff/service-kit';
import type { QueueConfig } from '../queue-config/queue-config.schema.js';

const answered = meter().createCounter('handoff_routing_answered_total', {
  description:
    'Conversations given to an agent, by tenant, queue and whether they waited within the queue service-level target (none: no target)',
});
const waited = meter().createHistogram('handoff_routing_wait_seconds', {
  description: 'Time from escalation to an agent, by tenant and queue',
  unit: 's',
});

/** Counts a conversation given to an agent against its queue's service level. */
export function recordAnswered(
  tenantId: string,
  queue: QueueConfig,
  enqueuedAt: Date,
  at: number,
): void {
  const seconds = Math.max(0, (at - enqueuedAt.getTime()) / 1000);
  const target = queue.serviceLevel?.targetSeconds;
  const withinServiceLevel = target === undefined ? 'none' : String(seconds <= target);
  answered.add(1, {
    tenant: tenantId,
    queue: queue.name,
    within_service_level: withinServiceLevel,
  });
  waited.record(seconds, { tenant: tenantId, queue: queue.name });
}
