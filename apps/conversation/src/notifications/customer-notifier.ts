import { Injectable } from '@nestjs/common';
import {
  customerNotificationRequestedType,
  type NotificationTemplateName,
} from '@handoff/contracts';
import type { EventSink } from '@handoff/messaging';
import { NotificationRenderer, type RenderedNotification } from './notification-renderer.js';
import type { NotificationValues } from './template-arguments.js';
import { TenantTemplates } from './tenant-templates/tenant-templates.js';

/** A notice to send a customer. */
export interface CustomerNotice {
  /**
   * The notification's id and event id, derived from what caused it (`deriveId('notice', …)`),
   * so a redelivered cause repeats the same notification and the bot platform shows it once.
   */
  id: string;
  conversationId: string;
  /** From a validated event: the tenant whose wording is used. */
  tenantId: string;
  channel: string;
  /** The conversation's language tag; the text may fall back to its base language or English. */
  language: string;
  template: NotificationTemplateName;
  /**
   * The variables the template offers (see `templateVariables` in the contracts); one left out
   * or empty reaches the template as `none`. Others are not passed.
   */
  values?: NotificationValues;
  /** The trace of the event that caused the notice, to continue it. */
  traceparent?: string;
}

/**
 * Tells a customer what is happening with their conversation: renders the notice with the
 * tenant's newest template set (from memory) and emits `handoff.customer.notification.requested`
 * through the sink, the handler's batch.
 */
@Injectable()
export class CustomerNotifier {
  private readonly renderer = new NotificationRenderer();

  constructor(private readonly templates: TenantTemplates) {}

  /** Emits the notice and returns what was rendered. */
  notify(sink: EventSink, notice: CustomerNotice): RenderedNotification {
    const rendered = this.renderer.render(
      notice.template,
      notice.language,
      notice.values ?? {},
      this.templates.of(notice.tenantId),
    );
    sink.emit(
      customerNotificationRequestedType,
      {
        notificationId: notice.id,
        conversationId: notice.conversationId,
        tenantId: notice.tenantId,
        channel: notice.channel,
        language: rendered.language,
        template: notice.template,
        text: rendered.text,
        createdAt: new Date().toISOString(),
      },
      { id: notice.id, ...(notice.traceparent ? { traceparent: notice.traceparent } : {}) },
    );
    return rendered;
  }
}
