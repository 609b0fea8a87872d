import type { EventData } from '../event-data.js';
import { extensibleEnum, identifierSchema, timestampSchema } from '../common.schema.js';

/** Fields every command about one conversation carries; the result echoes commandId. */
const actionProperties = {
  commandId: identifierSchema,
  tenantId: identifierSchema,
  agentId: {
    ...identifierSchema,
    description: 'The agent who acts (the holder of the conversation)',
  },
  conversationId: identifierSchema,
  requestedAt: timestampSchema,
} as const;

const actionRequired = [
  'commandId',
  'tenantId',
  'agentId',
  'conversationId',
  'requestedAt',
] as const;

/** Longest text an agent may send the customer or write in a note. */
export const maxAgentTextLength = 4000;

/** What an agent writes: to the customer, or in a note. */
export const agentTextSchema = {
  type: 'string',
  minLength: 1,
  maxLength: maxAgentTextLength,
} as const;

export const sendAgentMessageType = 'handoff.agent.message.send';

export const sendAgentMessageSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-message-send.json',
  title: 'SendAgentMessage',
  description:
    'The agent who has the conversation writes to the customer. Done: the message joins the transcript and goes out on handoff.agent.messages.v1 for the bot platform to deliver; refused when the conversation is not theirs.',
  type: 'object',
  required: [...actionRequired, 'text'],
  properties: {
    ...actionProperties,
    text: agentTextSchema,
  },
} as const;

export type SendAgentMessage = EventData<typeof sendAgentMessageSchema>;

export const addNoteType = 'handoff.agent.note.add';

export const addNoteSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-note-add.json',
  title: 'AddNote',
  description:
    'An internal note on the conversation, for agents and supervisors of the tenant only; never sent to the customer.',
  type: 'object',
  required: [...actionRequired, 'text'],
  properties: {
    ...actionProperties,
    text: agentTextSchema,
  },
} as const;

export type AddNote = EventData<typeof addNoteSchema>;

/** The agent's answer to "was this handoff needed?", given when they let the conversation go. */
const handoffNeededSchema = {
  type: 'boolean',
  description:
    'Was the handoff to a human needed? Published as feedback to measure trigger precision',
} as const;

export const resolveConversationType = 'handoff.agent.conversation.resolve';

export const resolveConversationSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-conversation-resolve.json',
  title: 'ResolveConversation',
  description:
    "The agent resolved the customer's case: the conversation closes, the agent's slot is given back and the customer is asked for their satisfaction (CSAT).",
  type: 'object',
  required: [...actionRequired, 'disposition'],
  properties: {
    ...actionProperties,
    disposition: extensibleEnum(
      ['solved', 'not_solved', 'duplicate', 'spam', 'follow_up'],
      'How the case ended; values this version does not know are recorded as given',
    ),
    summary: { type: 'string', maxLength: 1000 },
    handoffNeeded: handoffNeededSchema,
  },
} as const;

export type ResolveConversation = EventData<typeof resolveConversationSchema>;

export const returnToBotType = 'handoff.agent.conversation.return_to_bot';

export const returnToBotSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-conversation-return-to-bot.json',
  title: 'ReturnToBot',
  description:
    "The agent hands the conversation back to the bot: the agent's slot is given back, the customer is told, and the bot is told to resume with the resolution summary.",
  type: 'object',
  required: [...actionRequired, 'summary'],
  properties: {
    ...actionProperties,
    summary: {
      type: 'string',
      minLength: 1,
      maxLength: 1000,
      description: 'What the agent did, for the bot to carry on from',
    },
    handoffNeeded: handoffNeededSchema,
  },
} as const;

export type ReturnToBot = EventData<typeof returnToBotSchema>;

export const requestContextType = 'handoff.agent.context.request';

export const requestContextSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-context-request.json',
  title: 'RequestContext',
  description:
    "A desk asks for the conversation's context packet; it is published on handoff.conversation.context.v1 with this commandId, and the command is answered done (or refused: unknown conversation).",
  type: 'object',
  required: actionRequired,
  properties: actionProperties,
} as const;

export type RequestContext = EventData<typeof requestContextSchema>;
