import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';

export const customerLeftType = 'handoff.conversation.customer.left';

export const customerLeftSchema = {
  $id: 'https://schemas.handoff.dev/events/customer-left.json',
  title: 'CustomerLeft',
  description:
    'The customer closed the chat or stopped answering (as the bot platform judges): the conversation closes, leaving any queue and giving back any slot.',
  type: 'object',
  required: ['conversationId', 'tenantId', 'leftAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    leftAt: timestampSchema,
  },
} as const;

export type CustomerLeft = EventData<typeof customerLeftSchema>;
