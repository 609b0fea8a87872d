import type { EventData } from '../event-data.js';
import {
  botUnderstandingSchema,
  identifierSchema,
  timestampSchema,
  extensibleEnum,
} from '../common.schema.js';

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
    bot: botUnderstandingSchema,
  },
} as const;

export type MessagePosted = EventData<typeof messagePostedSchema>;
