import type { EventData } from '../event-data.js';
import { extensibleEnum, identifierSchema, timestampSchema } from '../common.schema.js';
import { agentStatusChangedSchema } from '../agent-status-changed/agent-status-changed.schema.js';

export const setAgentStatusType = 'handoff.agent.status.set';

export const setAgentStatusSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-status-set.json',
  title: 'SetAgentStatus',
  description:
    "An agent's desk sets their status (available, away with a reason, busy, offline) with their skills, languages and capacity. Presence applies it as a status change and answers with a desk result: done, or refused with the reason (a change the status rules do not allow).",
  type: 'object',
  required: ['commandId', 'requestedAt', ...agentStatusChangedSchema.required],
  properties: {
    commandId: identifierSchema,
    requestedAt: timestampSchema,
    ...agentStatusChangedSchema.properties,
  },
} as const;

export type SetAgentStatus = EventData<typeof setAgentStatusSchema>;

export const listOffersType = 'handoff.agent.offers.list';

export const listOffersSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-offers-list.json',
  title: 'ListOffers',
  description:
    "An agent's desk asks which offers are waiting for the agent; routing answers with a desk result that lists them.",
  type: 'object',
  required: ['commandId', 'tenantId', 'agentId', 'requestedAt'],
  properties: {
    commandId: identifierSchema,
    tenantId: identifierSchema,
    agentId: identifierSchema,
    requestedAt: timestampSchema,
  },
} as const;

export type ListOffers = EventData<typeof listOffersSchema>;

export const deskResultType = 'handoff.agent.desk.result';

export const deskResultSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-desk-result.json',
  title: 'DeskResult',
  description:
    'What became of a command about the agent themselves (their status, their offers): done, or refused with the reason. Keyed by agent.',
  type: 'object',
  required: ['commandId', 'tenantId', 'agentId', 'command', 'status', 'decidedAt'],
  properties: {
    commandId: identifierSchema,
    tenantId: identifierSchema,
    agentId: identifierSchema,
    command: { type: 'string', maxLength: 128, description: 'The type of the command answered' },
    status: extensibleEnum(
      ['done', 'refused'],
      'Any value this version does not know is shown as it is, with the reason',
    ),
    reason: { type: 'string', maxLength: 300 },
    offers: {
      type: 'array',
      description: 'For offers.list: the offers waiting for the agent, oldest first',
      maxItems: 100,
      items: {
        type: 'object',
        required: ['offerId', 'conversationId', 'expiresAt'],
        properties: {
          offerId: identifierSchema,
          conversationId: identifierSchema,
          queue: { type: 'string', maxLength: 64 },
          language: { type: 'string', maxLength: 35 },
          offeredAt: timestampSchema,
          expiresAt: timestampSchema,
        },
      },
    },
    decidedAt: timestampSchema,
  },
} as const;

export type DeskResult = EventData<typeof deskResultSchema>;
