import type { EventData } from '../event-data.js';
import {
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
      },
    },
    variables: variablesSchema,
  },
} as const;

export type MessageRecorded = EventData<typeof messageRecordedSchema>;
