import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';

export const botFallbackType = 'handoff.conversation.bot.fallback';

export const botFallbackSchema = {
  $id: 'https://schemas.handoff.dev/events/bot-fallback.json',
  title: 'BotFallback',
  description:
    "The bot did not understand the customer (no intent matched, or one below its confidence threshold) and fell back. Counted in the agent's context packet and by the bot-trouble trigger.",
  type: 'object',
  required: ['fallbackId', 'conversationId', 'tenantId', 'occurredAt'],
  properties: {
    fallbackId: identifierSchema,
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    messageId: {
      ...identifierSchema,
      description: "The customer's message the bot could not handle",
    },
    intent: {
      type: 'string',
      maxLength: 128,
      description: 'The best intent, if any, below threshold',
    },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    occurredAt: timestampSchema,
  },
} as const;

export type BotFallback = EventData<typeof botFallbackSchema>;
