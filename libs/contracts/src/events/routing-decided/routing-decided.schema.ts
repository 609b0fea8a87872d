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
  description:
    'What routing decided for an escalated conversation, and why: assigned, offered, queued (with place and estimated wait), rerouted, deflected or expired (with what the customer is offered instead), abandoned, transferred.',
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
      [
        'assigned',
        'queued',
        'abandoned',
        'offered',
        'rerouted',
        'deflected',
        'expired',
        'transferred',
      ],
      "Outcomes this version does not know are ignored by consumers. abandoned: the conversation ended (the customer left) while it waited; offered: an agent has until offer.expiresAt to accept; rerouted: the offer was declined or ran out, and the conversation goes to someone else; deflected: it did not enter the queue (closed, full, or nobody online) and unserved says what the customer is offered; expired: it waited the queue's longest wait, left the queue, and unserved says what the customer is offered; transferred: an assigned conversation leaves its agent for another agent or queue (routing follows with offered, assigned or queued)",
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
      description:
        'Present when outcome is assigned or offered (and rerouted: the agent whose offer ended)',
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
          description: 'Place in its queue when decided (1 is served next)',
        },
        name: { type: 'string', maxLength: 64, description: 'The queue it waits in' },
        estimatedWaitSeconds: {
          type: 'integer',
          minimum: 0,
          description:
            "Expected wait from now, from the queue's observed handle times and the agents who fit; absent when unknown",
        },
      },
    },
    routedBy: {
      type: 'object',
      description:
        'Present when outcome is assigned or offered: why this agent — the queue, the strategy that chose among the agents who fit, and how many relaxation steps the wait had reached',
      required: ['queue', 'strategy'],
      properties: {
        queue: { type: 'string', maxLength: 64 },
        strategy: extensibleEnum(
          ['most_skilled', 'longest_idle', 'least_loaded', 'round_robin', 'preferred_agent'],
          'Shown as it is',
        ),
        relaxedSteps: { type: 'integer', minimum: 0 },
      },
    },
    unserved: {
      type: 'object',
      description: 'Present when outcome is deflected or expired',
      required: ['policy', 'reason'],
      properties: {
        policy: extensibleEnum(
          ['callback', 'leave_message', 'stay_with_bot'],
          "What the customer is offered instead of an agent, as the queue's policy says; an unknown value is treated as stay_with_bot",
        ),
        reason: extensibleEnum([
          'outside_business_hours',
          'no_agent_online',
          'no_matching_agent',
          'queue_full',
          'max_wait',
        ]),
      },
    },
    transfer: {
      type: 'object',
      description: 'Present when outcome is transferred',
      required: ['fromAgentId'],
      properties: {
        fromAgentId: identifierSchema,
        toAgentId: identifierSchema,
        toQueue: { type: 'string', maxLength: 64 },
        note: {
          type: 'string',
          maxLength: 200,
          description:
            "What the agent handed over with it (the transfer command's reason), kept as a note for the next agent",
        },
      },
    },
    decidedAt: timestampSchema,
  },
} as const;

export type RoutingDecided = EventData<typeof routingDecidedSchema>;
