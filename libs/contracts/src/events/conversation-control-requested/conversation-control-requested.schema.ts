import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema, extensibleEnum } from '../common.schema.js';

export const conversationControlRequestedType = 'handoff.conversation.control.requested';

export const conversationControlRequestedSchema = {
  $id: 'https://schemas.handoff.dev/events/conversation-control-requested.json',
  title: 'ConversationControlRequested',
  description: 'Tells the bot platform to pause (a human takes over) or resume the bot.',
  type: 'object',
  required: ['conversationId', 'tenantId', 'action', 'reason', 'requestedAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    action: extensibleEnum(['pause_bot', 'resume_bot']),
    reason: extensibleEnum([
      'agent_assigned',
      'queued_for_agent',
      'handed_back',
      'no_agent_available',
      'resolved',
    ]),
    agentId: identifierSchema,
    summary: {
      type: 'string',
      maxLength: 1000,
      description:
        'With resume_bot after an agent: what the agent did (their resolution summary), so the bot carries on from there instead of starting over',
    },
    requestedAt: timestampSchema,
  },
} as const;

export type ConversationControlRequested = EventData<typeof conversationControlRequestedSchema>;
