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
    scoredAt: timestampSchema,
  },
} as const;

export type SentimentScored = EventData<typeof sentimentScoredSchema>;
