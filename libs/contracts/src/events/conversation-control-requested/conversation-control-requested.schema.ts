import type { FromSchema } from 'json-schema-to-ts';
import { identifierSchema, timestampSchema } from '../common.schema.js';

export const conversationControlRequestedType = 'handoff.conversation.control.requested';

export const conversationControlRequestedSchema = {
  $id: 'https://schemas.handoff.dev/events/conversation-control-requested.json',
  title: 'ConversationControlRequested',
  description: 'Tells the bot platform to pause (a human takes over) or resume the bot.',
  type: 'object',
  additionalProperties: false,
  required: ['conversationId', 'tenantId', 'action', 'reason', 'requestedAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    action: { type: 'string', enum: ['pause_bot', 'resume_bot'] },
    reason: { type: 'string', enum: ['agent_assigned', 'queued_for_agent', 'handed_back'] },
    agentId: identifierSchema,
    requestedAt: timestampSchema,
  },
} as const;

export type ConversationControlRequested = FromSchema<typeof conversationControlRequestedSchema>;
