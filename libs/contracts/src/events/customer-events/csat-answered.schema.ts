import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';

export const csatAnsweredType = 'handoff.conversation.csat.answered';

export const csatAnsweredSchema = {
  $id: 'https://schemas.handoff.dev/events/csat-answered.json',
  title: 'CsatAnswered',
  description:
    "The customer's answer to the satisfaction survey sent after an agent resolved the conversation (notification template handoff.csat), 1 (poor) to 5 (excellent). A customer message that is only a digit from 1 to 5, sent while the survey is open, counts as the same answer.",
  type: 'object',
  required: ['conversationId', 'tenantId', 'score', 'answeredAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    score: { type: 'integer', minimum: 1, maximum: 5 },
    comment: { type: 'string', maxLength: 1000 },
    answeredAt: timestampSchema,
  },
} as const;

export type CsatAnswered = EventData<typeof csatAnsweredSchema>;
