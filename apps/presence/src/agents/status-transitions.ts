import type { PresenceStatus } from './agent-entry.js';

/** What ordering a status change needs: when it happened and, if its producer counts, its number. */
export interface Ordered {
  statusChangedAt: Date;
  sequence?: number | undefined;
}

/**
 * Changes an agent may not make, by the status they are in. Anything else is allowed, going
 * offline always. An offline agent must come online (or away) before being busy or in wrap-up;
 * an away agent has no conversation just ended to wrap up.
 *
 * | from \ to | online | away | busy | wrap_up | offline |
 * | --------- | ------ | ---- | ---- | ------- | ------- |
 * | online    | yes    | yes  | yes  | yes     | yes     |
 * | away      | yes    | yes  | yes  | no      | yes     |
 * | busy      | yes    | yes  | yes  | yes     | yes     |
 * | wrap_up   | yes    | yes  | yes  | yes     | yes     |
 * | offline   | yes    | yes  | no   | no      | yes     |
 */
const refused: Record<PresenceStatus, readonly PresenceStatus[]> = {
  online: [],
  away: ['wrap_up'],
  busy: [],
  wrap_up: [],
  offline: ['busy', 'wrap_up'],
};

/** Why the change is refused, or undefined when it is allowed (an agent not known yet may take any status). */
export function transitionRefusal(
  from: PresenceStatus | undefined,
  to: PresenceStatus,
): string | undefined {
  if (from === undefined || !refused[from].includes(to)) return undefined;
  return `an agent who is ${from} cannot go ${to}`;
}

/**
 * A change older than the one applied: a lower sequence when both have one (whatever the times
 * say), else an earlier time. A late or replayed change is ignored, not refused.
 */
export function isStale(known: Ordered, change: Ordered): boolean {
  if (
    known.sequence !== undefined &&
    change.sequence !== undefined &&
    change.sequence !== known.sequence
  )
    return change.sequence < known.sequence;
  return change.statusChangedAt < known.statusChangedAt;
}

/**
 * The first change of a batch that is refused, checked in order against what the directory knows
 * and what the batch's earlier changes make of it, or undefined when every change is allowed.
 */
export function firstRefused<T extends Ordered & { key: string; status: PresenceStatus }>(
  changes: readonly T[],
  known: (change: T) => (Ordered & { status: PresenceStatus }) | undefined,
): { change: T; reason: string } | undefined {
  return refusals(changes, known, { stopAtFirst: true })[0];
}

/**
 * Every refused change of a batch, in order, checked as `firstRefused` does; a refused change
 * leaves the agent as they were, so the changes after it are checked against that.
 */
export function refusals<T extends Ordered & { key: string; status: PresenceStatus }>(
  changes: readonly T[],
  known: (change: T) => (Ordered & { status: PresenceStatus }) | undefined,
  { stopAtFirst = false } = {},
): { change: T; reason: string }[] {
  const refused: { change: T; reason: string }[] = [];
  const after = new Map<string, Ordered & { status: PresenceStatus }>();
  for (const change of changes) {
    const current = after.get(change.key) ?? known(change);
    if (current && isStale(current, change)) continue;
    const reason = transitionRefusal(current?.status, change.status);
    if (reason) {
      refused.push({ change, reason });
      if (stopAtFirst) break;
      continue;
    }
    after.set(change.key, { ...change, sequence: change.sequence ?? current?.sequence });
  }
  return refused;
}
