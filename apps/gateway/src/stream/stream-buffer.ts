import type { StreamAudience } from './stream-audience.js';

export interface StreamEntry {
  /**
   * `<instance>-<sequence>-<event time in ms>`: the instance that gave it resumes exactly after the
   * sequence; any other one resumes from the event's time.
   */
  id: string;
  type: string;
  audience: StreamAudience;
  /** The CloudEvent as JSON, on one line (an SSE data field). */
  json: string;
  /** The CloudEvent's time, in ms. */
  time: number;
}

export type Resume = { kind: 'missed'; entries: StreamEntry[] } | { kind: 'reset' };

const entryId = /^([0-9a-f]{1,32})-(\d{1,15})-(\d{1,15})$/;

/**
 * The last events this instance streamed, in a fixed-size ring, so a desk that reconnects with
 * Last-Event-ID gets what it missed. Every gateway instance streams every event, each in its own
 * order, so a desk that reconnects to another instance (a load balancer, a restart) gets every
 * event from `overlapMs` before the last one it saw: some may come twice, and the CloudEvent id
 * tells them apart. Only when the ring no longer reaches that far back, or this instance started
 * consuming later, is the desk told to reset (reload, then follow the stream).
 */
export class StreamBuffer {
  private readonly ring: (StreamEntry | undefined)[];
  private nextSequence = 1;
  /** The latest event time the ring has let go of. */
  private droppedUpTo = Number.NEGATIVE_INFINITY;
  private consumingSince: number | undefined;

  constructor(
    private readonly capacity: number,
    private readonly instance: string,
    private readonly overlapMs: number,
  ) {
    this.ring = new Array<StreamEntry | undefined>(capacity);
  }

  /** This instance follows the topics from now on (its group starts at their end). */
  startedConsuming(at: number): void {
    this.consumingSince ??= at;
  }

  append(entry: Omit<StreamEntry, 'id'>): StreamEntry {
    const sequence = this.nextSequence++;
    const stored = { ...entry, id: `${this.instance}-${sequence}-${entry.time}` };
    const slot = sequence % this.capacity;
    const dropped = this.ring[slot];
    if (dropped) this.droppedUpTo = Math.max(this.droppedUpTo, dropped.time);
    this.ring[slot] = stored;
    return stored;
  }

  /** Everything after the given id, or reset when that cannot be known. */
  since(lastEventId: string): Resume {
    const parsed = entryId.exec(lastEventId);
    if (!parsed) return { kind: 'reset' };
    const [, instance, sequence, time] = parsed;
    return instance === this.instance
      ? this.afterSequence(Number(sequence))
      : this.fromTime(Number(time) - this.overlapMs);
  }

  private afterSequence(sequence: number): Resume {
    const newest = this.nextSequence - 1;
    const oldest = Math.max(1, this.nextSequence - this.capacity);
    // The desk saw `sequence`; resuming needs every entry after it still in the ring.
    if (sequence > newest || sequence < oldest - 1) return { kind: 'reset' };
    const entries: StreamEntry[] = [];
    for (let next = sequence + 1; next <= newest; next++)
      entries.push(this.ring[next % this.capacity]!);
    return { kind: 'missed', entries };
  }

  private fromTime(from: number): Resume {
    if (this.consumingSince === undefined || this.consumingSince > from || this.droppedUpTo >= from)
      return { kind: 'reset' };
    const entries: StreamEntry[] = [];
    const oldest = Math.max(1, this.nextSequence - this.capacity);
    for (let next = oldest; next < this.nextSequence; next++) {
      const entry = this.ring[next % this.capacity]!;
      if (entry.time >= from) entries.push(entry);
    }
    return { kind: 'missed', entries };
  }
}
