import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';

const offerCommandProperties = {
  commandId: identifierSchema,
  tenantId: identifierSchema,
  agentId: identifierSchema,
  conversationId: identifierSchema,
  offerId: identifierSchema,
  requestedAt: timestampSchema,
} as const;

const offerCommandRequired = [
  'commandId',
  'tenantId',
  'agentId',
  'conversationId',
  'offerId',
  'requestedAt',
] as const;

export const acceptOfferType = 'handoff.agent.offer.accept';

export const acceptOfferSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-offer-accept.json',
  title: 'AcceptOffer',
  description:
    'An agent takes the conversation they were offered. Answered by a command result: done, or refused with the reason (the offer expired, or is not theirs).',
  type: 'object',
  required: offerCommandRequired,
  properties: offerCommandProperties,
} as const;

export type AcceptOffer = EventData<typeof acceptOfferSchema>;

export const declineOfferType = 'handoff.agent.offer.decline';

export const declineOfferSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-offer-decline.json',
  title: 'DeclineOffer',
  description:
    'An agent turns down the conversation they were offered; it is offered to someone else, never again to them.',
  type: 'object',
  required: offerCommandRequired,
  properties: {
    ...offerCommandProperties,
    reason: { type: 'string', maxLength: 200 },
  },
} as const;

export type DeclineOffer = EventData<typeof declineOfferSchema>;
