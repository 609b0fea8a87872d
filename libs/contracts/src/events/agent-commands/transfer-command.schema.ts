import type { EventData } from '../event-data.js';
import { identifierSchema, languageSchema, timestampSchema } from '../common.schema.js';

const transferProperties = {
  commandId: identifierSchema,
  tenantId: identifierSchema,
  agentId: { ...identifierSchema, description: 'The agent who has the conversation now' },
  conversationId: identifierSchema,
  toAgentId: {
    ...identifierSchema,
    description: 'Hand it to this agent (they must have a free slot)',
  },
  toQueue: {
    type: 'string',
    maxLength: 64,
    pattern: '^[a-z][a-z0-9_.-]*$',
    description: 'Or put it in this queue of the tenant, at the highest priority',
  },
  language: { ...languageSchema, description: "The conversation's language, as the desk shows it" },
  channel: { type: 'string', maxLength: 32 },
  reason: { type: 'string', maxLength: 200 },
  requestedAt: timestampSchema,
} as const;

const transferRequired = [
  'commandId',
  'tenantId',
  'agentId',
  'conversationId',
  'language',
  'requestedAt',
] as const;

export const transferConversationType = 'handoff.agent.conversation.transfer';

export const transferConversationSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-conversation-transfer.json',
  title: 'TransferConversation',
  description:
    'An agent hands a conversation they have to another agent or queue (exactly one of toAgentId, toQueue). Answered by a command result: done, or refused with the reason (not theirs, the agent has no free slot, no such queue); a refused transfer leaves the conversation with them.',
  type: 'object',
  required: transferRequired,
  properties: transferProperties,
} as const;

export type TransferConversation = EventData<typeof transferConversationSchema>;

export const transferRequestedType = 'handoff.routing.transfer.requested';

export const transferRequestedSchema = {
  $id: 'https://schemas.handoff.dev/events/routing-transfer-requested.json',
  title: 'TransferRequested',
  description:
    "An agent's transfer command, on its way to the routing instance that owns the tenant's queue.",
  type: 'object',
  required: transferRequired,
  properties: transferProperties,
} as const;

export type TransferRequested = EventData<typeof transferRequestedSchema>;
