import type { EventData } from '../event-data.js';
import { extensibleEnum, identifierSchema, timestampSchema } from '../common.schema.js';

export const conversationEndedType = 'handoff.conversation.ended';

export const conversationEndedSchema = {
  $id: 'https://schemas.handoff.dev/events/conversation-ended.json',
  title: 'ConversationEnded',
  description:
    'The conversation is over: resolved, or the customer left. Any chat slot it held is given back and it leaves any queue.',
  type: 'object',
  required: ['conversationId', 'tenantId', 'reason', 'endedAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    reason: extensibleEnum(
      ['resolved', 'customer_left', 'abandoned', 'bot_completed', 'returned_to_bot'],
      'Any value this version does not know is treated as ended for an unstated reason',
    ),
    endedAt: timestampSchema,
  },
} as const;

export type ConversationEnded = EventData<typeof conversationEndedSchema>;
