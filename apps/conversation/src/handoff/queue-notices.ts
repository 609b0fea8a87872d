/** What a queued customer was last told about their place, and when (ms since the epoch). */
export interface QueueTold {
  position?: number;
  waitMinutes?: number;
  /** Absent when no place was told yet (just after a transfer), so the first one goes at once. */
  toldAt?: number;
}

/** Where a queued decision puts the customer. */
export interface QueuePlace {
  position?: number;
  waitMinutes?: number;
  at: number;
}

export type QueueNoticeTemplate = 'handoff.queued' | 'handoff.position_update';

/**
 * Whether a queued decision is worth telling the customer: the first one always (they are in
 * the queue); a later one when it brings a place or wait they were not told, and at most once per
 * `minIntervalMs`. Returns the notice, if any, and what the customer has then been told.
 */
export function queueNotice(
  told: QueueTold | undefined,
  place: QueuePlace,
  minIntervalMs: number,
): { template?: QueueNoticeTemplate; told: QueueTold } {
  const now = { position: place.position, waitMinutes: place.waitMinutes, toldAt: place.at };
  if (!told) return { template: 'handoff.queued', told: now };
  const changed =
    (place.position !== undefined && place.position !== told.position) ||
    (place.waitMinutes !== undefined && place.waitMinutes !== told.waitMinutes);
  const tooSoon = told.toldAt !== undefined && place.at - told.toldAt < minIntervalMs;
  if (!changed || tooSoon) return { told };
  return { template: 'handoff.position_update', told: now };
}

/** Minutes a customer is told to wait: whole, at least one. */
export function waitMinutes(estimatedWaitSeconds: number | undefined): number | undefined {
  return estimatedWaitSeconds === undefined
    ? undefined
    : Math.max(1, Math.ceil(estimatedWaitSeconds / 60));
}
