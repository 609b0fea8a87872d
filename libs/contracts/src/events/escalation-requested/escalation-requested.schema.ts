import type { EventData } from '../event-data.js';
import {
  identifierSchema,
  skillNameSchema,
  languageSchema,
  sentimentSchema,
  timestampSchema,
  variablesSchema,
  extensibleEnum,
} from '../common.schema.js';

export const escalationRequestedType = 'handoff.escalation.requested';

/** Which trigger fired, why, and on what evidence. */
const firedTriggerSchema = {
  type: 'object',
  required: ['kind', 'explanation', 'messageId'],
  properties: {
    kind: extensibleEnum([
      'explicit_request',
      'keyword',
      'sentiment',
      'repetition',
      'bot_trouble',
      'loop',
      'business_rule',
      'escalation_score',
    ]),
    explanation: { type: 'string', maxLength: 500 },
    matchedText: { type: 'string', maxLength: 200 },
    messageId: identifierSchema,
    rule: {
      type: 'string',
      maxLength: 500,
      description: 'The rule that fired, as the tenant wrote it',
    },
    score: { type: 'number', description: 'The measured value the rule compared' },
  },
} as const;

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
      ...firedTriggerSchema,
      description: 'The trigger that decided it (the first of `triggers`)',
    },
    triggers: {
      type: 'array',
      minItems: 1,
      maxItems: 16,
      items: firedTriggerSchema,
      description: 'Every trigger that fired on the message, each with its evidence',
    },
    priority: {
      type: 'integer',
      minimum: 0,
      maximum: 9,
      description: 'Derived from the triggers that fired: higher is served first',
    },
    skills: {
      type: 'array',
      maxItems: 8,
      items: skillNameSchema,
      description: "Skills the agent needs, from the tenant's intent and keyword maps",
    },
    intent: {
      type: 'string',
      maxLength: 128,
      description: 'The last intent the bot detected',
    },
    sentiment: sentimentSchema,
    variables: variablesSchema,
    requestedAt: timestampSchema,
  },
} as const;

export type EscalationRequested = EventData<typeof escalationRequestedSchema>;
