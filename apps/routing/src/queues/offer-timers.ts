import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { deriveId, offerExpiredType } from '@handoff/contracts';
import { describeError, EventPublisher } from '@handoff/messaging';
import type { Offer } from './offers.js';

const retryMs = 1_000;

/**
 * Deadlines of the offers this instance owns. When one passes, an expiry event goes to the
 * tenant's queue topic, and the offer ends when that event is handled, in order with everything
 * else about the tenant. The deadlines are stored with the offers, so an instance taking a tenant
 * over arms them again.
 */
@Injectable()
export class OfferTimers implements OnModuleDestroy {
  private readonly logger = new Logger(OfferTimers.name);
  private readonly timers = new Map<string, { tenantId: string; timer: NodeJS.Timeout }>();

  constructor(private readonly publisher: EventPublisher) {}

  onModuleDestroy(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  arm(offer: Offer): void {
    this.cancel(offer.offerId);
    const delayMs = Math.max(0, offer.expiresAt.getTime() - Date.now());
    const timer = setTimeout(() => void this.expire(offer), delayMs);
    this.timers.set(offer.offerId, { tenantId: offer.entry.tenantId, timer });
  }

  cancel(offerId: string): void {
    const armed = this.timers.get(offerId);
    if (armed) clearTimeout(armed.timer);
    this.timers.delete(offerId);
  }

  /** The tenant moved to another instance (or its state is reloaded): that one arms its own. */
  cancelTenant(tenantId: string): void {
    for (const [offerId, armed] of this.timers)
      if (armed.tenantId === tenantId) this.cancel(offerId);
  }

  private async expire(offer: Offer): Promise<void> {
    const { tenantId, conversationId } = offer.entry;
    try {
      await this.publisher.emit(
        offerExpiredType,
        {
          tenantId,
          agentId: offer.agentId,
          conversationId,
          offerId: offer.offerId,
          expiredAt: offer.expiresAt.toISOString(),
        },
        deriveId('offer-expired', offer.offerId),
      );
      this.timers.delete(offer.offerId);
    } catch (error) {
      // The broker is away: the deadline has passed all the same, so try again shortly.
      this.logger.warn({
        message: 'could not announce an expired offer; retrying',
        error: describeError(error),
      });
      const timer = setTimeout(() => void this.expire(offer), retryMs);
      this.timers.set(offer.offerId, { tenantId, timer });
    }
  }
}
