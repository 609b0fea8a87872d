import type { EventData } from '../event-data.js';
import {
  identifierSchema,
  languageSchema,
  sentimentSchema,
  timestampSchema,
  variablesSchema,
  extensibleEnum,
} from '../common.schema.js';

export const escalationRequestedType = 'handoff.escalation.requested';

export const escalationRequestedSchema = {
  $id: 'https://schemas.handoff.dev/events/escalation-requested.json',
  title: 'EscalationRequested',
  description: 'A trigger decided the conversation needs a human agent, and says why.',
  type: 'object',
  required: [
    'escalationId',
    'conversationId',
    'tenantId',
    'language',
    'trigger',
    'sentiment',
    'variables',
    'requestedAt',
  ],
  properties: {
    escalationId: identifierSchema,
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    language: languageSchema,
    channel: {
      type: 'string',
      maxLength: 32,
      description: 'The channel the conversation is on, so later steps need not look it up',
    },
    trigger: {
      type: 'object',
      required: ['kind', 'explanation', 'messageId'],
      properties: {
        kind: extensibleEnum(['explicit_request']),
        explanation: { type: 'string', maxLength: 500 },
        matchedText: { type: 'string', maxLength: 200 },
        messageId: identifierSchema,
      },
    },
    sentiment: sentimentSchema,
    variables: variablesSchema,
    requestedAt: timestampSchema,
  },
} as const;

export type EscalationRequested = EventData<typeof escalationRequestedSchema>;
