import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema, variableValueSchema } from '../common.schema.js';

export const variableCollectedType = 'handoff.conversation.variable.collected';

export const variableCollectedSchema = {
  $id: 'https://schemas.handoff.dev/events/variable-collected.json',
  title: 'VariableCollected',
  description: 'The bot collected a value from the customer (an order number, a topic, ...).',
  type: 'object',
  required: ['conversationId', 'tenantId', 'name', 'value', 'collectedAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,63}$' },
    value: variableValueSchema,
    collectedAt: timestampSchema,
  },
} as const;

export type VariableCollected = EventData<typeof variableCollectedSchema>;
