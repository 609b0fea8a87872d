import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';
import { agentTextSchema } from './conversation-actions.schema.js';

export const agentMessageSentType = 'handoff.agent.message.sent';

export const agentMessageSentSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-message-sent.json',
  title: 'AgentMessageSent',
  description:
    "A message from the agent to the customer, for the bot platform to deliver on the conversation's channel. Its id derives from the command, so a redelivery carries the same messageId.",
  type: 'object',
  required: ['messageId', 'conversationId', 'tenantId', 'agentId', 'channel', 'text', 'sentAt'],
  properties: {
    messageId: identifierSchema,
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    agentId: identifierSchema,
    agentDisplayName: { type: 'string', maxLength: 120 },
    channel: { type: 'string', maxLength: 32 },
    text: agentTextSchema,
    sentAt: timestampSchema,
  },
} as const;

export type AgentMessageSent = EventData<typeof agentMessageSentSchema>;
