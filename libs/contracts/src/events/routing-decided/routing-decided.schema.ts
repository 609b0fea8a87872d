import type { FromSchema } from 'json-schema-to-ts';
import {
  identifierSchema,
  languageSchema,
  skillNameSchema,
  timestampSchema,
} from '../common.schema.js';

export const routingDecidedType = 'handoff.routing.decided';

export const routingDecidedSchema = {
  $id: 'https://schemas.handoff.dev/events/routing-decided.json',
  title: 'RoutingDecided',
  description: 'Routing assigned the conversation to an agent, or queued it when nobody fits.',
  type: 'object',
  additionalProperties: false,
  required: [
    'decisionId',
    'escalationId',
    'conversationId',
    'tenantId',
    'outcome',
    'requirements',
    'decidedAt',
  ],
  properties: {
    decisionId: identifierSchema,
    escalationId: identifierSchema,
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    outcome: { type: 'string', enum: ['assigned', 'queued'] },
    requirements: {
      type: 'object',
      additionalProperties: false,
      required: ['skills', 'language'],
      properties: {
        language: languageSchema,
        skills: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'minProficiency'],
            properties: {
              name: skillNameSchema,
              minProficiency: { type: 'integer', minimum: 1, maximum: 5 },
            },
          },
        },
      },
    },
    agent: {
      type: 'object',
      description: 'Present when outcome is assigned',
      additionalProperties: false,
      required: ['agentId', 'displayName'],
      properties: {
        agentId: identifierSchema,
        displayName: { type: 'string', maxLength: 120 },
      },
    },
    queue: {
      type: 'object',
      description: 'Present when outcome is queued',
      additionalProperties: false,
      required: ['reason'],
      properties: {
        reason: { type: 'string', enum: ['no_agent_online', 'no_matching_agent', 'all_agents_busy'] },
      },
    },
    decidedAt: timestampSchema,
  },
} as const;

export type RoutingDecided = FromSchema<typeof routingDecidedSchema>;
