import type { EventData } from '../event-data.js';
import {
  identifierSchema,
  languageSchema,
  timestampSchema,
  extensibleEnum,
} from '../common.schema.js';

export const conversationStartedType = 'handoff.conversation.started';

export const conversationStartedSchema = {
  $id: 'https://schemas.handoff.dev/events/conversation-started.json',
  title: 'ConversationStarted',
  description: 'A bot platform opened a conversation with a customer.',
  type: 'object',
  required: ['conversationId', 'tenantId', 'channel', 'language', 'customer', 'startedAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    channel: extensibleEnum(['web', 'whatsapp', 'sms', 'messenger', 'email', 'voice']),
    language: languageSchema,
    customer: {
      type: 'object',
      required: ['customerId'],
      properties: {
        customerId: identifierSchema,
        displayName: { type: 'string', maxLength: 120 },
        email: { type: 'string', format: 'email', maxLength: 254 },
        tier: { type: 'string', maxLength: 32 },
      },
    },
    startedAt: timestampSchema,
  },
} as const;

export type ConversationStarted = EventData<typeof conversationStartedSchema>;
