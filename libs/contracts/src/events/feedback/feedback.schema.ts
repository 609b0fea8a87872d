import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';

const triggerKindsSchema = {
  type: 'array',
  maxItems: 16,
  description: 'The kinds of the triggers that escalated the conversation',
  items: { type: 'string', maxLength: 64 },
} as const;

export const csatRecordedType = 'handoff.feedback.csat.recorded';

export const csatRecordedSchema = {
  $id: 'https://schemas.handoff.dev/events/feedback-csat-recorded.json',
  title: 'CsatRecorded',
  description: "The customer's satisfaction with a handoff, once per conversation, for analytics.",
  type: 'object',
  required: ['conversationId', 'tenantId', 'score', 'recordedAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    agentId: { ...identifierSchema, description: 'The agent who resolved it' },
    escalationId: identifierSchema,
    triggers: triggerKindsSchema,
    score: { type: 'integer', minimum: 1, maximum: 5 },
    recordedAt: timestampSchema,
  },
} as const;

export type CsatRecorded = EventData<typeof csatRecordedSchema>;

export const handoffRatedType = 'handoff.feedback.handoff.rated';

export const handoffRatedSchema = {
  $id: 'https://schemas.handoff.dev/events/feedback-handoff-rated.json',
  title: 'HandoffRated',
  description:
    'The agent\'s answer to "was this handoff needed?", with the triggers that caused it: the measure of trigger precision.',
  type: 'object',
  required: ['conversationId', 'tenantId', 'agentId', 'needed', 'ratedAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    agentId: identifierSchema,
    escalationId: identifierSchema,
    triggers: triggerKindsSchema,
    needed: { type: 'boolean' },
    ratedAt: timestampSchema,
  },
} as const;

export type HandoffRated = EventData<typeof handoffRatedSchema>;
