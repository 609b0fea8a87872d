import type { EventDataByType, EventTopic, EventType, TopicPayloads } from '@handoff/contracts';
import { eventMessage, type EmitOptions, type TopicMessage } from '../publishing/event-message.js';

/**
 * What a consumer's handler receives: valid events of one partition, in order, and an outbox.
 * Events emitted through the batch are sent together once the handler has finished, before the
 * offset is committed; if the handler or the send fails, nothing of it counts and the events come
 * again (so handlers are idempotent: deterministic ids, conditional writes).
 */
export class EventBatch<T extends EventTopic> {
  private readonly outgoing: TopicMessage[] = [];
  private readonly undoers: (() => void)[] = [];
  private readonly afterSend: (() => Promise<void>)[] = [];

  constructor(
    readonly topic: T,
    readonly partition: number,
    readonly events: readonly TopicPayloads[T][],
    private readonly source: string,
    /** Each event's offset in its partition: the order in which one aggregate's events arrived. */
    readonly offsets: readonly string[] = [],
  ) {}

  /** Queues an event; it is published with the batch's other effects, before the commit. */
  emit<K extends EventType>(type: K, data: EventDataByType[K], options: EmitOptions = {}): void {
    this.outgoing.push(eventMessage(type, data, this.source, options));
  }

  /**
   * Registers what to undo in memory if this batch does not complete (a store write or the send
   * failed), so state held in memory never runs ahead of what was stored and published.
   */
  onFailure(undo: () => void): void {
    this.undoers.push(undo);
  }

  /**
   * Registers a store write that must only happen once what the batch emitted is published (say,
   * forgetting work whose outcome is announced): it runs after the send and before the commit; if
   * it fails, the batch comes again, which idempotent handlers absorb.
   */
  afterPublished(write: () => Promise<void>): void {
    this.afterSend.push(write);
  }

  /** Called by the consumer once the batch's events are published. */
  async published(): Promise<void> {
    for (const write of this.afterSend.splice(0)) await write();
  }

  get pending(): readonly TopicMessage[] {
    return this.outgoing;
  }

  /** Called by the consumer when the attempt failed; runs the undo steps newest first. */
  rollBack(): void {
    for (const undo of this.undoers.splice(0).reverse()) undo();
    this.outgoing.length = 0;
  }
}

/** Where a handler's logic sends what it emits: the batch's outbox (or a fake in unit tests). */
export type EventSink = Pick<EventBatch<EventTopic>, 'emit'>;
