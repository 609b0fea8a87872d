import type { DeadLetterStage } from '@handoff/contracts';
import type { DeadLetterView } from './dead-letter-view.js';

/** Which dead letters a command works on; every given criterion must match. */
export interface DeadLetterFilter {
  /** The original topic, exactly. */
  topic?: string;
  /** A piece of the reason, in any case. */
  reason?: string;
  /** failedAt at or after this time. */
  since?: Date;
  /** failedAt at or before this time. */
  until?: Date;
  /** Dead-letter ids (`<partition>:<offset>`) or event ids; any one of them matches. */
  ids?: string[];
  /** The consumer group that gave up on the record. */
  group?: string;
  stage?: DeadLetterStage;
}

export function isEmptyFilter(filter: DeadLetterFilter): boolean {
  return Object.values(filter).every((value) => value === undefined);
}

export function matchesFilter(view: DeadLetterView, filter: DeadLetterFilter): boolean {
  if (filter.topic !== undefined && view.originalTopic !== filter.topic) return false;
  if (
    filter.reason !== undefined &&
    !(view.reason ?? '').toLowerCase().includes(filter.reason.toLowerCase())
  )
    return false;
  if (filter.since !== undefined || filter.until !== undefined) {
    const failedAt = view.failedAt === null ? Number.NaN : Date.parse(view.failedAt);
    if (Number.isNaN(failedAt)) return false;
    if (filter.since !== undefined && failedAt < filter.since.getTime()) return false;
    if (filter.until !== undefined && failedAt > filter.until.getTime()) return false;
  }
  if (
    filter.ids !== undefined &&
    !filter.ids.some((id) => id === view.id || (view.eventId !== null && id === view.eventId))
  )
    return false;
  if (filter.group !== undefined && view.consumerGroup !== filter.group) return false;
  if (filter.stage !== undefined && view.stage !== filter.stage) return false;
  return true;
}

export function selectDeadLetters(
  views: readonly DeadLetterView[],
  filter: DeadLetterFilter,
): DeadLetterView[] {
  return views.filter((view) => matchesFilter(view, filter));
}
