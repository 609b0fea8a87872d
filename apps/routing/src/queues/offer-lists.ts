import { listOffersType, type DeskResult, type OffersListRequested } from '@handoff/contracts';
import type { Offer } from './offers.js';
import type { QueueEntry } from './tenant-queue.js';

/** Most offers one answer lists (the contract's bound); an agent rarely has more than a few. */
const maxListed = 100;

/**
 * The answer to an agent's request for their offers: those waiting for them, oldest first, each
 * with the queue it waits in now (`queueOf`: where it entered, or where relaxation moved it).
 */
export function offersListResult(
  offers: Iterable<Offer>,
  request: OffersListRequested,
  now: Date,
  queueOf: (entry: QueueEntry) => string = (entry) => entry.queue,
): DeskResult {
  const theirs = [...offers]
    .filter(
      (offer) => offer.agentId === request.agentId && offer.entry.tenantId === request.tenantId,
    )
    .sort((a, b) => offeredTime(a) - offeredTime(b) || a.offerId.localeCompare(b.offerId));
  return {
    commandId: request.commandId,
    tenantId: request.tenantId,
    agentId: request.agentId,
    command: listOffersType,
    status: 'done',
    offers: theirs.slice(0, maxListed).map((offer) => ({
      offerId: offer.offerId,
      conversationId: offer.entry.conversationId,
      ...(queueOf(offer.entry) ? { queue: queueOf(offer.entry) } : {}),
      language: offer.entry.requirements.language,
      ...(offer.offeredAt ? { offeredAt: offer.offeredAt.toISOString() } : {}),
      expiresAt: offer.expiresAt.toISOString(),
    })),
    decidedAt: now.toISOString(),
  };
}

/** Offers stored before their offer time was kept are ordered by their deadline. */
function offeredTime(offer: Offer): number {
  return (offer.offeredAt ?? offer.expiresAt).getTime();
}
