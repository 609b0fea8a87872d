import type { EventData } from '../event-data.js';
import {
  identifierSchema,
  languageSchema,
  skillNameSchema,
  extensibleEnum,
  channelNameSchema,
} from '../common.schema.js';

export const agentStatusChangedType = 'handoff.agent.status.changed';

export const agentStatusChangedSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-status-changed.json',
  title: 'AgentStatusChanged',
  description:
    'An agent went online (available), away, busy, into wrap-up or offline, with the skills, languages and capacity they bring.',
  type: 'object',
  required: ['agentId', 'tenantId', 'displayName', 'status', 'skills', 'languages', 'capacity'],
  properties: {
    agentId: identifierSchema,
    tenantId: identifierSchema,
    displayName: { type: 'string', minLength: 1, maxLength: 120 },
    status: extensibleEnum(
      ['online', 'available', 'away', 'busy', 'wrap_up', 'offline'],
      'available is online by another name; busy keeps its conversations and takes no new ones; wrap_up takes none until it ends. Any value this version does not know means the agent takes no new chats',
    ),
    skills: {
      type: 'array',
      maxItems: 64,
      items: {
        type: 'object',
        required: ['name', 'proficiency'],
        properties: {
          name: skillNameSchema,
          proficiency: { type: 'integer', minimum: 1, maximum: 5 },
        },
      },
    },
    languages: { type: 'array', minItems: 1, maxItems: 16, items: languageSchema },
    capacity: { type: 'integer', minimum: 0, maximum: 50, description: 'Concurrent chats' },
    reason: {
      type: 'string',
      maxLength: 64,
      pattern: '^[a-z][a-z0-9_.-]*$',
      description:
        'Why the agent changed status: a reason code from the desk (break, training…), or one presence gives when it decides (heartbeat_lost, missed_offers, conversation_closed for a wrap-up, wrap_up_ended)',
    },
    wrapUpSeconds: {
      type: 'number',
      minimum: 0,
      maximum: 3600,
      description:
        "Wrap-up after each conversation of the agent closes, during which they take no new ones (presence's default when absent; 0 none). A wrap_up status with it ends by itself that long after it began",
    },
    sequence: {
      type: 'integer',
      minimum: 0,
      maximum: 9007199254740991,
      description:
        "The producer's count of this agent's changes: when both have one, a change with a lower sequence than the one applied is ignored, whatever its time",
    },
    channels: {
      type: 'array',
      maxItems: 16,
      description:
        'Concurrent conversations by channel (chat, messaging, email, voice…). When absent, capacity is the chat capacity; when present, the agent takes only the channels listed',
      items: {
        type: 'object',
        required: ['name', 'capacity'],
        properties: {
          name: channelNameSchema,
          capacity: { type: 'integer', minimum: 0, maximum: 50 },
        },
      },
    },
    teams: {
      type: 'array',
      maxItems: 32,
      description: 'Teams the agent belongs to; a placement may ask for members of some teams only',
      items: identifierSchema,
    },
  },
} as const;

export type AgentStatusChanged = EventData<typeof agentStatusChangedSchema>;
