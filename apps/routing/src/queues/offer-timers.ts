import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { deriveId, offerExpiredType } from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import { Deadlines } from './deadlines.js';
import type { Offer } from './offers.js';

/**
 * Deadlines of the offers this instance owns. When one passes, an expiry event goes to the
 * tenant's queue topic, and the offer ends when that event is handled. The deadlines are stored
 * with the offers, so an instance taking a tenant over arms them again.
 */
@Injectable()
export class OfferTimers implements OnModuleDestroy {
  private readonly deadlines: Deadlines;

  constructor(publisher: EventPublisher) {
    this.deadlines = new Deadlines(publisher, 'an expired offer');
  }

  onModuleDestroy(): void {
    this.deadlines.clear();
  }

  arm(offer: Offer): void {
    const { tenantId, conversationId } = offer.entry;
    this.deadlines.set(offer.offerId, tenantId, offer.expiresAt.getTime(), () => ({
      type: offerExpiredType,
      data: {
        tenantId,
        agentId: offer.agentId,
        conversationId,
        offerId: offer.offerId,
        expiredAt: offer.expiresAt.toISOString(),
      },
      id: deriveId('offer-expired', offer.offerId),
    }));
  }

  cancel(offerId: string): void {
    this.deadlines.cancel(offerId);
  }

  cancelTenant(tenantId: string): void {
    this.deadlines.cancelTenant(tenantId);
  }
}
