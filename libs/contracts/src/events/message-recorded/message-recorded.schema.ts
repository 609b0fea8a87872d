import type { EventData } from '../event-data.js';
import {
  botUnderstandingSchema,
  identifierSchema,
  languageSchema,
  timestampSchema,
  variablesSchema,
  extensibleEnum,
} from '../common.schema.js';

export const messageRecordedType = 'handoff.conversation.message.recorded';

export const messageRecordedSchema = {
  $id: 'https://schemas.handoff.dev/events/message-recorded.json',
  title: 'MessageRecorded',
  description:
    'A message was stored in the transcript; carries the conversation context evaluation needs.',
  type: 'object',
  required: ['conversationId', 'tenantId', 'language', 'channel', 'message', 'variables'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    language: languageSchema,
    channel: { type: 'string', maxLength: 32 },
    message: {
      type: 'object',
      required: ['messageId', 'sender', 'text', 'sentAt'],
      properties: {
        messageId: identifierSchema,
        sender: extensibleEnum(['customer', 'bot']),
        text: { type: 'string', minLength: 1, maxLength: 8000 },
        sentAt: timestampSchema,
        bot: botUnderstandingSchema,
      },
    },
    variables: variablesSchema,
    customerTier: { type: 'string', maxLength: 64, description: "The customer's tier, when known" },
    fallbacks: {
      type: 'integer',
      minimum: 0,
      description:
        'Bot fallbacks (no match) in the conversation so far, flagged messages and fallback events alike',
    },
    agentHolds: {
      type: 'boolean',
      description: 'A human agent holds the conversation now',
    },
    releasedAt: {
      ...timestampSchema,
      description: 'When an agent last handed the conversation back',
    },
  },
} as const;

export type MessageRecorded = EventData<typeof messageRecordedSchema>;
