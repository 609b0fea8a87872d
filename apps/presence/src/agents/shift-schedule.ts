/** One shift, in ms since the epoch: the agent takes conversations from `start` until `end`. */
export interface Shift {
  start: number;
  end: number;
}

/**
 * An agent's shifts as a workforce-management tool last scheduled them: sorted, not overlapping.
 * `boundaries` lists every start and end in order (start, end, start, end…), so a moment's place
 * among them is one binary search.
 */
export interface ShiftSchedule {
  shifts: readonly Shift[];
  boundaries: readonly number[];
  /** When the tool published it: a schedule published earlier than the one known is ignored. */
  publishedAt: number;
  /** When presence received it: shifts that began or ended before then need no announcement. */
  receivedAt: number;
}

export type ShiftBoundary = { at: number; kind: 'shift_started' | 'shift_ended' };

/** The schedule a tool sent, or why it cannot be used (a shift that ends before it starts, overlaps). */
export function scheduleOf(
  shifts: readonly { start: string; end: string }[],
  publishedAt: number,
  receivedAt: number,
): ShiftSchedule | { refused: string } {
  const parsed = shifts.map(({ start, end }) => ({
    start: Date.parse(start),
    end: Date.parse(end),
  }));
  for (const [index, shift] of parsed.entries())
    if (!(shift.start < shift.end))
      return { refused: `shift ${index} does not start before it ends` };
  parsed.sort((a, b) => a.start - b.start);
  for (let index = 1; index < parsed.length; index++)
    if (parsed[index]!.start < parsed[index - 1]!.end)
      return {
        refused: `shifts overlap (one starting ${new Date(parsed[index]!.start).toISOString()})`,
      };
  return scheduleFrom(parsed, publishedAt, receivedAt);
}

/** A schedule of shifts already sorted and checked (as stored). */
export function scheduleFrom(
  shifts: readonly Shift[],
  publishedAt: number,
  receivedAt: number,
): ShiftSchedule {
  return {
    shifts,
    boundaries: shifts.flatMap(({ start, end }) => [start, end]),
    publishedAt,
    receivedAt,
  };
}

/** How many boundaries have passed by `at`: even, off shift; odd, on one. */
function boundariesPassed(schedule: ShiftSchedule, at: number): number {
  let low = 0;
  let high = schedule.boundaries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (schedule.boundaries[middle]! <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether an agent with this schedule (or none: not restricted) may take a conversation at `at`. */
export function onShiftAt(schedule: ShiftSchedule | undefined, at: number): boolean {
  return schedule === undefined || boundariesPassed(schedule, at) % 2 === 1;
}

/** The last shift start or end at or before `at`, if any. */
export function lastBoundaryBy(schedule: ShiftSchedule, at: number): ShiftBoundary | undefined {
  const passed = boundariesPassed(schedule, at);
  if (passed === 0) return undefined;
  return {
    at: schedule.boundaries[passed - 1]!,
    kind: passed % 2 === 1 ? 'shift_started' : 'shift_ended',
  };
}

/** The shift the agent is in at `at`, and the next one to start after it. */
export function shiftsAround(
  schedule: ShiftSchedule,
  at: number,
): { current: Shift | undefined; next: Shift | undefined } {
  const passed = boundariesPassed(schedule, at);
  const index = passed >> 1;
  return {
    current: passed % 2 === 1 ? schedule.shifts[index] : undefined,
    next: schedule.shifts[passed % 2 === 1 ? index + 1 : index],
  };
}
