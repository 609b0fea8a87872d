import type { EventSink } from '@handoff/messaging';

/** A notice for the customer, by template, in the conversation's language. */
export interface CustomerNotice {
  id: string;
  conversationId: string;
  tenantId: string;
  channel: string;
  language: string;
  template: string;
  values: Record<string, string | number>;
}

/** Renders a notice with the tenant's templates and publishes it (see notifications/). */
export abstract class CustomerNotices {
  abstract notify(sink: EventSink, notice: CustomerNotice): void;
}
