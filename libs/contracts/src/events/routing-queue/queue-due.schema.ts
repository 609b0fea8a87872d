import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';

export const queueDueType = 'handoff.routing.queue.due';

export const queueDueSchema = {
  $id: 'https://schemas.handoff.dev/events/routing-queue-due.json',
  title: 'QueueDue',
  description:
    "A deadline of the tenant's queue passed (a relaxation step, a preferred agent's wait, a longest wait): the instance owning the queue looks at it again, in order with everything else about the tenant.",
  type: 'object',
  required: ['tenantId', 'dueAt'],
  properties: {
    tenantId: identifierSchema,
    dueAt: timestampSchema,
  },
} as const;

export type QueueDue = EventData<typeof queueDueSchema>;
