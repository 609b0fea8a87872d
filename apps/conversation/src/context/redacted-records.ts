import type { Redactor } from '../privacy/redactor.js';
import type { ContextRecords } from './context-records.js';

interface Contact {
  email?: string;
  phone?: string;
}

function withoutContact<C extends Contact>(customer: C): C {
  return {
    ...customer,
    ...(customer.email ? { email: '[email]' } : {}),
    ...(customer.phone ? { phone: '[phone]' } : {}),
  };
}

/**
 * The records with personal data replaced as the tenant's redactor says: message texts, the
 * customer's email and phone. What a summary model or an agent of a redacting tenant is given.
 */
export function redactedRecords(records: ContextRecords, redactor: Redactor): ContextRecords {
  return {
    ...records,
    conversation: {
      ...records.conversation,
      customer: withoutContact(records.conversation.customer),
    },
    messages: records.messages.map((message) => ({
      ...message,
      text: redactor.redact(message.text),
    })),
    profiles: records.profiles.map((profile) => ({
      ...profile,
      customer: withoutContact(profile.customer),
    })),
  };
}
