import type { OfferAnswered, OfferExpired, RoutingWithdrawn } from '@handoff/contracts';
import type { PresenceClient } from '../presence-client/presence.client.js';
import {
  abandonedDecision,
  assignedDecision,
  reroutedDecision,
  type EndedBy,
} from './decisions.js';
import type { OfferTimers } from './offer-timers.js';
import type { Offer } from './offers.js';
import type { QueuePlans } from './queue-plans.js';
import { recordAnswered } from './service-level.js';
import type { QueueEntry } from './tenant-queue.js';
import { answerCommand, type OwnedQueue, type Step } from './tenant-step.js';

/**
 * What happens to offers and waiting conversations from outside: an agent accepts or declines, an
 * offer runs out, an agent goes away, the customer leaves.
 */
export class OfferAnswers {
  constructor(
    private readonly presence: PresenceClient,
    private readonly timers: OfferTimers,
    private readonly plans: QueuePlans,
  ) {}

  withdraw(owned: OwnedQueue, withdrawn: RoutingWithdrawn, step: Step): void {
    const offer = owned.offers.get(withdrawn.conversationId);
    if (offer) this.endOffer(owned, offer, step);
    const entry = offer?.entry ?? owned.queue.remove(withdrawn.conversationId);
    if (!entry) {
      // It was with an agent: how long they had it tells the queue's wait estimates.
      owned.waits.closed(withdrawn.conversationId, step.now.getTime());
      return;
    }
    step.leftQueue.push(entry);
    step.decisions.push(abandonedDecision(entry, step.now));
  }

  async answer(owned: OwnedQueue, answered: OfferAnswered, step: Step): Promise<void> {
    const offer = owned.offers.get(answered.conversationId);
    const result = (status: 'done' | 'refused', reason?: string) =>
      answerCommand(step, answered, status, reason);
    if (!offer || offer.offerId !== answered.offerId || offer.agentId !== answered.agentId)
      return void result(
        'refused',
        'no such offer is open for this agent: it expired, was answered, or is not theirs',
      );
    if (answered.answer === 'accepted') {
      const { confirmed } = await this.presence.confirmReservation({
        tenantId: offer.entry.tenantId,
        conversationId: offer.entry.conversationId,
      });
      if (!confirmed) {
        // Presence gave the held slot back (its hold ran out): the conversation goes on to someone else.
        await this.reroute(owned, offer, 'expired', step);
        return void result('refused', 'the offer ran out before it was accepted');
      }
      this.endOffer(owned, offer, step);
      const queue = this.plans.queueOf(offer.entry);
      owned.waits.assigned(offer.entry.conversationId, queue.name, step.now.getTime());
      recordAnswered(owned.tenantId, queue, offer.entry.enqueuedAt, step.now.getTime());
      step.decisions.push(assignedDecision(offer.entry, offer, offer.routedBy, step.now));
      return void result('done');
    }
    if (answered.answer !== 'declined')
      return void result('refused', `unknown answer ${answered.answer}`);
    await this.reroute(owned, offer, 'declined', step);
    result('done');
  }

  async expire(owned: OwnedQueue, expired: OfferExpired, step: Step): Promise<void> {
    const offer = owned.offers.get(expired.conversationId);
    if (offer?.offerId === expired.offerId) await this.reroute(owned, offer, 'expired', step);
  }

  /** The agent gives the slot back and the conversation waits again, in its old place, for someone else. */
  async reroute(owned: OwnedQueue, offer: Offer, endedBy: EndedBy, step: Step): Promise<void> {
    await this.presence.releaseCapacity({
      tenantId: offer.entry.tenantId,
      conversationId: offer.entry.conversationId,
    });
    this.endOffer(owned, offer, step);
    const entry: QueueEntry = {
      ...offer.entry,
      declinedBy: [...offer.entry.declinedBy, offer.agentId],
      stored: false,
    };
    // One transferred to this agent now waits in its queue for anyone else.
    delete entry.transferTo;
    owned.queue.add(entry);
    step.backInQueue.push(entry);
    step.decisions.push(reroutedDecision(offer, endedBy, step.now));
    owned.unsettled = true;
  }

  endOffer(owned: OwnedQueue, offer: Offer, step: Step): void {
    owned.offers.delete(offer.entry.conversationId);
    this.timers.cancel(offer.offerId);
    step.offersEnded.push(offer);
  }
}
