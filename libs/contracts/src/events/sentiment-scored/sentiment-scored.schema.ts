import type { EventData } from '../event-data.js';
import { identifierSchema, sentimentSchema, timestampSchema } from '../common.schema.js';

export const sentimentScoredType = 'handoff.sentiment.scored';

export const sentimentScoredSchema = {
  $id: 'https://schemas.handoff.dev/events/sentiment-scored.json',
  title: 'SentimentScored',
  description: 'The sentiment of one customer message, for the conversation trajectory.',
  type: 'object',
  required: ['conversationId', 'tenantId', 'messageId', 'sentiment', 'scoredAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    messageId: identifierSchema,
    sentiment: sentimentSchema,
    frustration: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: '0 calm … 1 furious: negativity, shouting, repeated punctuation, strong words',
    },
    language: {
      type: 'string',
      maxLength: 35,
      description: "The language the message was scored in: the bot platform's, else detected",
    },
    trajectory: {
      type: 'object',
      required: ['smoothed', 'change', 'turns'],
      description: "The conversation's sentiment so far",
      properties: {
        smoothed: {
          type: 'number',
          minimum: -1,
          maximum: 1,
          description: 'Exponentially smoothed',
        },
        change: {
          type: 'number',
          minimum: -2,
          maximum: 2,
          description: 'How the smoothed sentiment moved over the last three customer turns',
        },
        turns: { type: 'integer', minimum: 1, description: 'Customer messages so far' },
      },
    },
    scoredAt: timestampSchema,
  },
} as const;

export type SentimentScored = EventData<typeof sentimentScoredSchema>;
