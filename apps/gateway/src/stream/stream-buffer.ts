import type { StreamAudience } from './stream-audience.js';

export interface StreamEntry {
  /** `<instance>-<sequence>`: a desk's Last-Event-ID names the instance that gave it. */
  id: string;
  type: string;
  audience: StreamAudience;
  /** The CloudEvent as JSON, on one line (an SSE data field). */
  json: string;
}

export type Resume = { kind: 'missed'; entries: StreamEntry[] } | { kind: 'reset' };

/**
 * The last events this instance streamed, in a fixed-size ring, so a desk that reconnects with
 * Last-Event-ID gets what it missed; an id from another instance, or older than the ring, cannot
 * be resumed from and the desk is told to reload instead.
 */
export class StreamBuffer {
  private readonly ring: (StreamEntry | undefined)[];
  private nextSequence = 1;

  constructor(
    private readonly capacity: number,
    private readonly instance: string,
  ) {
    this.ring = new Array<StreamEntry | undefined>(capacity);
  }

  append(entry: Omit<StreamEntry, 'id'>): StreamEntry {
    const sequence = this.nextSequence++;
    const stored = { ...entry, id: `${this.instance}-${sequence}` };
    this.ring[sequence % this.capacity] = stored;
    return stored;
  }

  /** Everything after the given id, or reset when it cannot be found. */
  since(lastEventId: string): Resume {
    const sequence = this.sequenceOf(lastEventId);
    const newest = this.nextSequence - 1;
    const oldest = Math.max(1, this.nextSequence - this.capacity);
    // The desk saw `sequence`; resuming needs every entry after it still in the ring.
    if (sequence === undefined || sequence > newest || sequence < oldest - 1)
      return { kind: 'reset' };
    const entries: StreamEntry[] = [];
    for (let next = sequence + 1; next <= newest; next++)
      entries.push(this.ring[next % this.capacity]!);
    return { kind: 'missed', entries };
  }

  private sequenceOf(id: string): number | undefined {
    const prefix = `${this.instance}-`;
    if (!id.startsWith(prefix)) return undefined;
    const text = id.slice(prefix.length);
    return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
  }
}
