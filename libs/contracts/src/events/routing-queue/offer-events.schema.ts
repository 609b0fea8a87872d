import type { EventData } from '../event-data.js';
import { extensibleEnum, identifierSchema, timestampSchema } from '../common.schema.js';

export const offerAnsweredType = 'handoff.routing.offer.answered';

export const offerAnsweredSchema = {
  $id: 'https://schemas.handoff.dev/events/routing-offer-answered.json',
  title: 'OfferAnswered',
  description:
    "An agent's answer to an offer, on its way to the routing instance that owns the tenant's queue.",
  type: 'object',
  required: [
    'commandId',
    'tenantId',
    'agentId',
    'conversationId',
    'offerId',
    'answer',
    'answeredAt',
  ],
  properties: {
    commandId: identifierSchema,
    tenantId: identifierSchema,
    agentId: identifierSchema,
    conversationId: identifierSchema,
    offerId: identifierSchema,
    answer: extensibleEnum(['accepted', 'declined'], 'Any other value is refused'),
    reason: { type: 'string', maxLength: 200 },
    answeredAt: timestampSchema,
  },
} as const;

export type OfferAnswered = EventData<typeof offerAnsweredSchema>;

export const offerExpiredType = 'handoff.routing.offer.expired';

export const offerExpiredSchema = {
  $id: 'https://schemas.handoff.dev/events/routing-offer-expired.json',
  title: 'OfferExpired',
  description:
    "An offer's time ran out unanswered; the routing instance that owns the queue offers the conversation to someone else.",
  type: 'object',
  required: ['tenantId', 'agentId', 'conversationId', 'offerId', 'expiredAt'],
  properties: {
    tenantId: identifierSchema,
    agentId: identifierSchema,
    conversationId: identifierSchema,
    offerId: identifierSchema,
    expiredAt: timestampSchema,
  },
} as const;

export type OfferExpired = EventData<typeof offerExpiredSchema>;
