import type { EventData } from '../event-data.js';
import {
  identifierSchema,
  languageSchema,
  timestampSchema,
  extensibleEnum,
} from '../common.schema.js';

export const customerNotificationRequestedType = 'handoff.customer.notification.requested';

export const customerNotificationRequestedSchema = {
  $id: 'https://schemas.handoff.dev/events/customer-notification-requested.json',
  title: 'CustomerNotificationRequested',
  description: 'A message the bot platform should show the customer about the handoff.',
  type: 'object',
  required: [
    'notificationId',
    'conversationId',
    'tenantId',
    'channel',
    'language',
    'template',
    'text',
    'createdAt',
  ],
  properties: {
    notificationId: identifierSchema,
    conversationId: identifierSchema,
    tenantId: identifierSchema,
    channel: { type: 'string', maxLength: 32 },
    language: languageSchema,
    template: extensibleEnum([
      'handoff.connecting',
      'handoff.queued',
      'handoff.callback',
      'handoff.leave_message',
      'handoff.back_to_bot',
      'handoff.position_update',
      'handoff.agent_joined',
      'handoff.transferred',
      'handoff.closed_hours',
      'handoff.csat',
    ]),
    text: { type: 'string', minLength: 1, maxLength: 2000 },
    createdAt: timestampSchema,
  },
} as const;

export type CustomerNotificationRequested = EventData<typeof customerNotificationRequestedSchema>;
