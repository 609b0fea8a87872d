import type { EventData } from '../event-data.js';
import {
  extensibleEnum,
  identifierSchema,
  languageSchema,
  timestampSchema,
  variablesSchema,
  variableValueSchema,
} from '../common.schema.js';

/** Messages a packet carries at most: the latest ones; the full transcript is read through the gateway. */
export const maxPacketMessages = 60;

const scoreSchema = { type: 'number', minimum: -1, maximum: 1 } as const;

export const contextPacketType = 'handoff.conversation.context.packet';

export const contextPacketSchema = {
  $id: 'https://schemas.handoff.dev/events/context-packet.json',
  title: 'ContextPacket',
  description:
    "Everything an agent needs to understand the case before typing a word: who the customer is, what was said and collected, what the bot tried, how the customer's mood moved, why it escalated, a short summary, and suggested replies and articles. Published when the conversation is offered, assigned or transferred to an agent, and when a desk asks for it.",
  type: 'object',
  required: [
    'packetVersion',
    'packetId',
    'conversationId',
    'tenantId',
    'occasion',
    'conversation',
    'customer',
    'variables',
    'transcript',
    'botAttempts',
    'sentiment',
    'triggers',
    'summary',
    'suggestions',
    'builtAt',
  ],
  properties: {
    packetVersion: { type: 'integer', minimum: 1, description: 'The shape of this packet: 1' },
    packetId: identifierSchema,
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    occasion: extensibleEnum(['offered', 'assigned', 'transferred', 'requested']),
    agentId: { ...identifierSchema, description: 'The agent the packet is for' },
    commandId: { ...identifierSchema, description: 'The context request it answers' },
    conversation: {
      type: 'object',
      required: ['channel', 'language', 'startedAt', 'status'],
      properties: {
        channel: { type: 'string', maxLength: 32 },
        language: languageSchema,
        startedAt: timestampSchema,
        status: extensibleEnum([
          'bot',
          'awaiting_agent',
          'queued',
          'offered',
          'assigned',
          'closed',
        ]),
      },
    },
    customer: {
      type: 'object',
      required: ['customerId'],
      properties: {
        customerId: identifierSchema,
        displayName: { type: 'string', maxLength: 120 },
        email: { type: 'string', maxLength: 254 },
        phone: { type: 'string', maxLength: 32 },
        tier: { type: 'string', maxLength: 32 },
        language: languageSchema,
        attributes: {
          type: 'object',
          maxProperties: 32,
          additionalProperties: variableValueSchema,
        },
      },
    },
    variables: variablesSchema,
    transcript: {
      type: 'object',
      required: ['messages', 'totalMessages', 'truncated'],
      properties: {
        messages: {
          type: 'array',
          maxItems: maxPacketMessages,
          items: {
            type: 'object',
            required: ['messageId', 'sender', 'text', 'sentAt'],
            properties: {
              messageId: identifierSchema,
              sender: extensibleEnum(['customer', 'bot', 'agent']),
              text: { type: 'string', maxLength: 8000 },
              sentAt: timestampSchema,
              agentId: identifierSchema,
              intent: { type: 'string', maxLength: 128 },
              confidence: { type: 'number', minimum: 0, maximum: 1 },
              fallback: { type: 'boolean' },
            },
          },
        },
        totalMessages: { type: 'integer', minimum: 0 },
        truncated: { type: 'boolean', description: 'Older messages were left out' },
      },
    },
    botAttempts: {
      type: 'object',
      description: 'What the bot tried before the handoff',
      required: ['intents', 'fallbacks', 'lowConfidence'],
      properties: {
        intents: {
          type: 'array',
          maxItems: 32,
          description:
            'Intents the bot recognised, in order, each with its best confidence and count',
          items: {
            type: 'object',
            required: ['intent', 'count'],
            properties: {
              intent: { type: 'string', maxLength: 128 },
              confidence: { type: 'number', minimum: 0, maximum: 1 },
              count: { type: 'integer', minimum: 1 },
            },
          },
        },
        fallbacks: { type: 'integer', minimum: 0, description: 'Times the bot did not understand' },
        lowConfidence: {
          type: 'integer',
          minimum: 0,
          description: 'Bot answers given with low confidence',
        },
      },
    },
    sentiment: {
      type: 'object',
      required: ['trajectory'],
      properties: {
        trajectory: {
          type: 'array',
          maxItems: maxPacketMessages,
          description: "The customer's messages' scores, oldest first",
          items: {
            type: 'object',
            required: ['messageId', 'score'],
            properties: { messageId: identifierSchema, score: scoreSchema, at: timestampSchema },
          },
        },
        smoothed: scoreSchema,
        trend: extensibleEnum(['falling', 'steady', 'rising']),
      },
    },
    triggers: {
      type: 'array',
      maxItems: 16,
      description: 'Why the conversation escalated: each trigger that fired, with its evidence',
      items: {
        type: 'object',
        required: ['kind', 'explanation'],
        properties: {
          kind: { type: 'string', maxLength: 64 },
          explanation: { type: 'string', maxLength: 500 },
          messageId: identifierSchema,
          matchedText: { type: 'string', maxLength: 200 },
          score: { type: 'number' },
        },
      },
    },
    escalation: {
      type: 'object',
      required: ['escalationId', 'requestedAt'],
      properties: {
        escalationId: identifierSchema,
        priority: { type: 'integer' },
        requestedAt: timestampSchema,
      },
    },
    detectedIntent: {
      type: 'object',
      required: ['intent'],
      properties: {
        intent: { type: 'string', maxLength: 128 },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    summary: {
      type: 'object',
      required: ['sentences', 'method'],
      properties: {
        sentences: {
          type: 'array',
          maxItems: 3,
          items: { type: 'string', maxLength: 600 },
          description: 'At most three sentences, in the order they were said',
        },
        method: extensibleEnum(['extractive', 'llm']),
      },
    },
    suggestions: {
      type: 'object',
      required: ['replies', 'articles'],
      properties: {
        replies: {
          type: 'array',
          maxItems: 5,
          items: {
            type: 'object',
            required: ['text'],
            properties: { text: { type: 'string', maxLength: 1000 }, score: { type: 'number' } },
          },
        },
        articles: {
          type: 'array',
          maxItems: 5,
          items: {
            type: 'object',
            required: ['articleId', 'title'],
            properties: {
              articleId: identifierSchema,
              title: { type: 'string', maxLength: 200 },
              url: { type: 'string', maxLength: 500 },
              snippet: { type: 'string', maxLength: 500 },
              score: { type: 'number' },
            },
          },
        },
      },
    },
    notes: {
      type: 'array',
      maxItems: 50,
      description: "Agents' internal notes, oldest first",
      items: {
        type: 'object',
        required: ['agentId', 'text', 'at'],
        properties: {
          agentId: identifierSchema,
          text: { type: 'string', maxLength: 4000 },
          at: timestampSchema,
        },
      },
    },
    builtAt: timestampSchema,
  },
} as const;

export type ContextPacket = EventData<typeof contextPacketSchema>;
