import type { DeadLetterReplayRecord } from '@handoff/contracts';
import type { RawRecord } from '../dead-letters/raw-record.js';

/** Replays recorded on the replays topic, by dead-letter id, oldest first. */
export interface ReplayHistory {
  byDeadLetter: Map<string, DeadLetterReplayRecord[]>;
  /** Records on the replays topic that are not replay records (written by something else). */
  unreadable: number;
}

export function replayHistory(records: readonly RawRecord[]): ReplayHistory {
  const byDeadLetter = new Map<string, DeadLetterReplayRecord[]>();
  let unreadable = 0;
  for (const record of records) {
    const replay = parseReplayRecord(record.value);
    if (!replay) {
      unreadable++;
      continue;
    }
    const earlier = byDeadLetter.get(replay.deadLetterId);
    if (earlier) earlier.push(replay);
    else byDeadLetter.set(replay.deadLetterId, [replay]);
  }
  return { byDeadLetter, unreadable };
}

export function replaysOf(history: ReplayHistory, deadLetterId: string): DeadLetterReplayRecord[] {
  return history.byDeadLetter.get(deadLetterId) ?? [];
}

/** A replay record, when the value is one (the fields the command relies on are checked). */
export function parseReplayRecord(value: Buffer | null): DeadLetterReplayRecord | null {
  if (!value) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const candidate = parsed as Partial<DeadLetterReplayRecord>;
  const to = candidate.replayedTo as Partial<DeadLetterReplayRecord['replayedTo']> | undefined;
  const valid =
    typeof candidate.deadLetterId === 'string' &&
    typeof candidate.replayedAt === 'string' &&
    typeof to === 'object' &&
    to !== null &&
    typeof to.topic === 'string' &&
    typeof to.partition === 'number' &&
    typeof to.offset === 'string';
  return valid ? (candidate as DeadLetterReplayRecord) : null;
}

/** What a replay writes on the replays topic for one dead letter. */
export function replayRecord(
  letter: { id: string; reason: string | null },
  origin: { topic: string; partition: number; offset: string },
  replayedTo: DeadLetterReplayRecord['replayedTo'],
  replayedBy: string,
  replayedAt: Date,
): DeadLetterReplayRecord {
  return {
    deadLetterId: letter.id,
    originalTopic: origin.topic,
    originalPartition: origin.partition,
    originalOffset: origin.offset,
    replayedTo,
    replayedAt: replayedAt.toISOString(),
    replayedBy,
    reason: letter.reason ?? '',
  };
}
