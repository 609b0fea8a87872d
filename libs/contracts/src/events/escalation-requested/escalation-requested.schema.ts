import type { FromSchema } from 'json-schema-to-ts';
import {
  identifierSchema,
  languageSchema,
  sentimentSchema,
  timestampSchema,
  variablesSchema,
} from '../common.schema.js';

export const escalationRequestedType = 'handoff.escalation.requested';

export const escalationRequestedSchema = {
  $id: 'https://schemas.handoff.dev/events/escalation-requested.json',
  title: 'EscalationRequested',
  description: 'A trigger decided the conversation needs a human agent, and says why.',
  type: 'object',
  additionalProperties: false,
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
    trigger: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'explanation', 'messageId'],
      properties: {
        kind: { type: 'string', enum: ['explicit_request'] },
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

export type EscalationRequested = FromSchema<typeof escalationRequestedSchema>;
