import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';
import { conversationEndedSchema } from '../conversation-ended/conversation-ended.schema.js';

export const conversationClosedType = 'handoff.conversation.closed';

export const conversationClosedSchema = {
  $id: 'https://schemas.handoff.dev/events/conversation-closed.json',
  title: 'ConversationClosed',
  description:
    'The conversation service closed a conversation: the chat slot it held is given back and it leaves any queue.',
  type: 'object',
  required: ['conversationId', 'tenantId', 'reason', 'closedAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    reason: conversationEndedSchema.properties.reason,
    closedAt: timestampSchema,
  },
} as const;

export type ConversationClosed = EventData<typeof conversationClosedSchema>;
