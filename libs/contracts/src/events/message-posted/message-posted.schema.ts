import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema, extensibleEnum } from '../common.schema.js';

export const messagePostedType = 'handoff.conversation.message.posted';

export const messagePostedSchema = {
  $id: 'https://schemas.handoff.dev/events/message-posted.json',
  title: 'MessagePosted',
  description: 'The customer or the bot said something in the conversation.',
  type: 'object',
  required: ['conversationId', 'tenantId', 'messageId', 'sender', 'text', 'sentAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    messageId: identifierSchema,
    sender: extensibleEnum(['customer', 'bot']),
    text: { type: 'string', minLength: 1, maxLength: 8000 },
    sentAt: timestampSchema,
    bot: {
      type: 'object',
      description: 'What the bot understood, for bot messages',
      properties: {
        intent: { type: 'string', maxLength: 128 },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
        fallback: { type: 'boolean' },
      },
    },
  },
} as const;

export type MessagePosted = EventData<typeof messagePostedSchema>;
