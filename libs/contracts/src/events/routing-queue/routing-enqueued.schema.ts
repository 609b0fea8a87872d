import type { EventData } from '../event-data.js';
import {
  identifierSchema,
  requirementsSchema,
  sentimentSchema,
  timestampSchema,
} from '../common.schema.js';

export const routingEnqueuedType = 'handoff.routing.enqueued';

export const routingEnqueuedSchema = {
  $id: 'https://schemas.handoff.dev/events/routing-enqueued.json',
  title: 'RoutingEnqueued',
  description:
    "An escalation enters its tenant's queue, with what the agent must bring. Keyed by tenant: one routing instance owns a tenant's queue order.",
  type: 'object',
  required: [
    'escalationId',
    'conversationId',
    'tenantId',
    'requirements',
    'priority',
    'enqueuedAt',
  ],
  properties: {
    escalationId: identifierSchema,
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    channel: { type: 'string', maxLength: 32 },
    requirements: requirementsSchema,
    priority: {
      type: 'integer',
      minimum: 0,
      maximum: 9,
      description: 'Higher is served first; within a priority, the longest waiting first',
    },
    queue: {
      type: 'string',
      maxLength: 64,
      pattern: '^[a-z][a-z0-9_.-]*$',
      description:
        "The tenant's queue it enters, chosen from its topic, language, channel and priority (absent: the tenant's first queue)",
    },
    preferredAgentId: {
      ...identifierSchema,
      description:
        "The customer's last agent, tried first by queues using the preferred-agent strategy",
    },
    sentiment: sentimentSchema,
    enqueuedAt: timestampSchema,
  },
} as const;

export type RoutingEnqueued = EventData<typeof routingEnqueuedSchema>;
