import type { FromSchema } from 'json-schema-to-ts';
import { identifierSchema, languageSchema, timestampSchema } from '../common.schema.js';

export const conversationStartedType = 'handoff.conversation.started';

export const conversationStartedSchema = {
  $id: 'https://schemas.handoff.dev/events/conversation-started.json',
  title: 'ConversationStarted',
  description: 'A bot platform opened a conversation with a customer.',
  type: 'object',
  additionalProperties: false,
  required: ['conversationId', 'tenantId', 'channel', 'language', 'customer', 'startedAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    channel: { type: 'string', enum: ['web', 'whatsapp', 'sms', 'messenger', 'email', 'voice'] },
    language: languageSchema,
    customer: {
      type: 'object',
      additionalProperties: false,
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

export type ConversationStarted = FromSchema<typeof conversationStartedSchema>;
