import type { EventData } from '../event-data.js';
import {
  identifierSchema,
  languageSchema,
  timestampSchema,
  variableValueSchema,
} from '../common.schema.js';

export const customerProfileType = 'handoff.conversation.customer.profile';

export const customerProfileSchema = {
  $id: 'https://schemas.handoff.dev/events/customer-profile.json',
  title: 'CustomerProfile',
  description:
    'What the bot platform knows about the customer (from its CRM): it replaces the profile given when the conversation started, field by field.',
  type: 'object',
  required: ['conversationId', 'tenantId', 'customer', 'updatedAt'],
  properties: {
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    customer: {
      type: 'object',
      required: ['customerId'],
      properties: {
        customerId: identifierSchema,
        displayName: { type: 'string', maxLength: 120 },
        email: { type: 'string', format: 'email', maxLength: 254 },
        phone: { type: 'string', maxLength: 32 },
        tier: { type: 'string', maxLength: 32 },
        language: languageSchema,
        attributes: {
          type: 'object',
          description: 'Other facts about the customer, by name (at most 32)',
          maxProperties: 32,
          propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,63}$' },
          additionalProperties: variableValueSchema,
        },
      },
    },
    updatedAt: timestampSchema,
  },
} as const;

export type CustomerProfile = EventData<typeof customerProfileSchema>;
