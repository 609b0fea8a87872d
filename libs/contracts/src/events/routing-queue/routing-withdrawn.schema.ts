import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';
import { conversationEndedSchema } from '../conversation-ended/conversation-ended.schema.js';

export const routingWithdrawnType = 'handoff.routing.withdrawn';

export const routingWithdrawnSchema = {
  $id: 'https://schemas.handoff.dev/events/routing-withdrawn.json',
  title: 'RoutingWithdrawn',
  description:
    "A conversation leaves its tenant's queue because it ended while waiting. Keyed by tenant, like the queue it leaves.",
  type: 'object',
  required: ['conversationId', 'tenantId', 'reason', 'withdrawnAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    reason: conversationEndedSchema.properties.reason,
    withdrawnAt: timestampSchema,
  },
} as const;

export type RoutingWithdrawn = EventData<typeof routingWithdrawnSchema>;
