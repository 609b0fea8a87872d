import type { EventData } from '../event-data.js';
import {
  identifierSchema,
  requirementsSchema,
  timestampSchema,
  extensibleEnum,
} from '../common.schema.js';

export const routingDecidedType = 'handoff.routing.decided';

export const routingDecidedSchema = {
  $id: 'https://schemas.handoff.dev/events/routing-decided.json',
  title: 'RoutingDecided',
  description: 'Routing assigned the conversation to an agent, or queued it when nobody fits.',
  type: 'object',
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
    channel: {
      type: 'string',
      maxLength: 32,
      description: 'The channel the conversation is on, from the escalation',
    },
    outcome: extensibleEnum(
      ['assigned', 'queued', 'abandoned', 'offered', 'rerouted'],
      'Outcomes this version does not know are ignored by consumers. abandoned: the conversation ended (the customer left) while it waited; offered: an agent has until offer.expiresAt to accept; rerouted: the offer was declined or ran out, and the conversation goes to someone else',
    ),
    requirements: requirementsSchema,
    offer: {
      type: 'object',
      description: 'Present when outcome is offered or rerouted',
      required: ['offerId'],
      properties: {
        offerId: identifierSchema,
        expiresAt: timestampSchema,
        endedBy: extensibleEnum(
          ['declined', 'expired', 'agent_unavailable'],
          'Why a rerouted offer ended: agent_unavailable when the agent went away or offline first',
        ),
      },
    },
    agent: {
      type: 'object',
      description: 'Present when outcome is assigned or offered (and rerouted: the agent whose offer ended)',
      required: ['agentId', 'displayName'],
      properties: {
        agentId: identifierSchema,
        displayName: { type: 'string', maxLength: 120 },
      },
    },
    queue: {
      type: 'object',
      description: 'Present when outcome is queued',
      required: ['reason'],
      properties: {
        reason: extensibleEnum(['no_agent_online', 'no_matching_agent', 'all_agents_busy']),
        position: {
          type: 'integer',
          minimum: 1,
          description: "Place in the tenant's queue when decided (1 is served next)",
        },
      },
    },
    decidedAt: timestampSchema,
  },
} as const;

export type RoutingDecided = EventData<typeof routingDecidedSchema>;
