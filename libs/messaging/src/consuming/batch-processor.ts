import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  EventValidator,
  type EventTopic,
  type RecordCheck,
  type TopicPayloads,
} from '@handoff/contracts';
import { meter } from '@handoff/service-kit';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  propagation,
  trace,
  type Link,
} from '@opentelemetry/api';
import { setTimeout as sleep } from 'node:timers/promises';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { EventPublisher } from '../publishing/event-publisher.js';
import { backoffDelay } from './backoff.js';
import type { ConsumedRecord } from './consumed-record.js';
import { DeadLetterWriter, type DeadLetter } from './dead-letters.js';
import { EventBatch } from './event-batch.js';
import {
  describeError,
  isRejection,
  isTransient,
  type RejectedEventError,
} from './failure-classifier.js';

export type BatchHandler<T extends EventTopic> = (batch: EventBatch<T>) => Promise<void>;

export interface ChunkOutcome {
  /** Offset of the last record whose work is done, so it may be committed. */
  doneThrough?: string;
  /** A dependency is down: the records after `doneThrough` wait for a retry of the partition. */
  transient?: unknown;
}

interface Checked<T extends EventTopic> {
  record: ConsumedRecord;
  check: RecordCheck<TopicPayloads[T]>;
}

const tracer = trace.getTracer('handoff.messaging');
const consumed = meter().createCounter('handoff_events_consumed_total', {
  description: 'Records consumed, by topic and outcome (processed, dead_lettered, skipped)',
});
const handlerSeconds = meter().createHistogram('handoff_batch_duration_seconds', {
  description:
    "Time per batch, by topic and phase: the handler's work, then publishing what it emitted",
  unit: 's',
});
const batchEvents = meter().createHistogram('handoff_batch_events', {
  description: 'Events per batch handed to a handler, by topic',
});
const skippedTypes = meter().createCounter('handoff_events_skipped_total', {
  description: 'Events of a type this version does not know, skipped, by topic and type',
});

/**
 * Takes one chunk of a partition's records through validation, the handler, the handler's emits
 * and the dead letters, and says how far it got. The happy path hands every valid event to the
 * handler at once. When that fails deterministically, the chunk is replayed one record at a time
 * to find the event that cannot be processed: it alone is dead-lettered after its attempts, and
 * the partition moves on. A dependency outage stops the chunk where it is, for a later retry.
 */
@Injectable()
export class BatchProcessor {
  private readonly logger = new Logger(BatchProcessor.name);
  private readonly validator = new EventValidator();
  private readonly unknownTypesSeen = new Set<string>();

  constructor(
    private readonly publisher: EventPublisher,
    private readonly deadLetters: DeadLetterWriter,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async process<T extends EventTopic>(
    topic: T,
    partition: number,
    records: readonly ConsumedRecord[],
    handler: BatchHandler<T>,
    heartbeat: () => Promise<void>,
  ): Promise<ChunkOutcome> {
    if (records.length === 0) return {};
    const checked: Checked<T>[] = records.map((record) => ({
      record,
      check: this.validator.check(topic, record),
    }));
    const valid = checked.filter(
      (item): item is Checked<T> & { check: { kind: 'event' } } => item.check.kind === 'event',
    );
    const events = valid.map(({ check }) => check.event);
    const offsets = valid.map(({ record }) => record.offset);
    const invalid = checked.flatMap(({ record, check }) =>
      check.kind === 'invalid'
        ? [{ record, stage: 'validation', reason: check.reason, attempts: 0 } satisfies DeadLetter]
        : [],
    );
    try {
      await this.runHandler(topic, partition, events, offsets, handler);
    } catch (error) {
      if (isTransient(error)) return { transient: error };
      const rejected = valid.find(
        ({ check }) =>
          isRejection(error) && check.event.id === (error as RejectedEventError).eventId,
      );
      if (rejected)
        return this.withoutRejected(
          topic,
          partition,
          records,
          rejected.record,
          error,
          handler,
          heartbeat,
        );
      this.logger.warn({
        message: 'batch failed; processing its records one by one',
        topic,
        partition,
        records: records.length,
        error: describeError(error),
      });
      // The batch was every event's first attempt; each still gets at least one attempt of its own.
      return this.oneByOne(
        topic,
        partition,
        checked,
        handler,
        heartbeat,
        Math.min(2, this.options.maxAttempts),
      );
    }
    try {
      await this.deadLetters.write(invalid);
    } catch (error) {
      // The events are done; only the dead letters wait for the broker, so the chunk is retried as it is.
      return { transient: error };
    }
    this.count(topic, checked);
    return { doneThrough: records.at(-1)!.offset };
  }

  /** The handler named the one event it cannot take: dead-letter it and run the rest as a batch again. */
  private async withoutRejected<T extends EventTopic>(
    topic: T,
    partition: number,
    records: readonly ConsumedRecord[],
    rejected: ConsumedRecord,
    error: unknown,
    handler: BatchHandler<T>,
    heartbeat: () => Promise<void>,
  ): Promise<ChunkOutcome> {
    try {
      await this.deadLetters.write([
        {
          record: rejected,
          stage: 'processing',
          reason: `rejected: ${describeError(error)}`,
          attempts: 1,
        },
      ]);
    } catch (writeError) {
      return { transient: writeError };
    }
    consumed.add(1, { topic, outcome: 'dead_lettered' });
    await heartbeat();
    const rest = await this.process(
      topic,
      partition,
      records.filter((record) => record !== rejected),
      handler,
      heartbeat,
    );
    // The rest of the chunk is done: so is the chunk, the rejected record included.
    return rest.transient === undefined ? { doneThrough: records.at(-1)!.offset } : rest;
  }

  private async oneByOne<T extends EventTopic>(
    topic: T,
    partition: number,
    checked: readonly Checked<T>[],
    handler: BatchHandler<T>,
    heartbeat: () => Promise<void>,
    firstAttempt: number,
  ): Promise<ChunkOutcome> {
    let doneThrough: string | undefined;
    for (const item of checked) {
      try {
        const { record, check } = item;
        if (check.kind === 'invalid')
          await this.deadLetters.write([
            { record, stage: 'validation', reason: check.reason, attempts: 0 },
          ]);
        if (check.kind === 'event')
          await this.processAlone(
            topic,
            partition,
            record,
            check.event,
            handler,
            firstAttempt,
            heartbeat,
          );
      } catch (error) {
        return { ...(doneThrough ? { doneThrough } : {}), transient: error };
      }
      if (item.check.kind !== 'event') this.count(topic, [item]);
      doneThrough = item.record.offset;
      await heartbeat();
    }
    return doneThrough ? { doneThrough } : {};
  }

  /** Throws only when a dependency is down; a deterministic failure ends in the dead-letter topic. */
  private async processAlone<T extends EventTopic>(
    topic: T,
    partition: number,
    record: ConsumedRecord,
    event: TopicPayloads[T],
    handler: BatchHandler<T>,
    firstAttempt: number,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const { maxAttempts } = this.options;
    let lastError: unknown = new Error('no attempt left');
    for (let attempt = firstAttempt; attempt <= maxAttempts; attempt++) {
      if (attempt > firstAttempt) {
        const delayMs = backoffDelay(
          { initialMs: this.options.retryBackoffMs, maxMs: this.options.retryMaxBackoffMs },
          attempt - 1,
        );
        await waitWithHeartbeats(delayMs, heartbeat);
      }
      try {
        await this.runHandler(topic, partition, [event], [record.offset], handler);
        consumed.add(1, { topic, outcome: 'processed' });
        return;
      } catch (error) {
        if (isTransient(error)) throw error;
        lastError = error;
        if (isRejection(error)) {
          await this.deadLetters.write([
            {
              record,
              stage: 'processing',
              reason: `rejected: ${describeError(error)}`,
              attempts: attempt,
            },
          ]);
          consumed.add(1, { topic, outcome: 'dead_lettered' });
          return;
        }
        this.logger.warn({
          message: 'processing failed',
          attempt,
          type: event.type,
          id: event.id,
          error: describeError(error),
        });
      }
    }
    const reason = `processing failed after ${maxAttempts} attempts: ${describeError(lastError)}`;
    await this.deadLetters.write([{ record, stage: 'processing', reason, attempts: maxAttempts }]);
    consumed.add(1, { topic, outcome: 'dead_lettered' });
  }

  /** One attempt: the handler, then everything it emitted, sent together. */
  private async runHandler<T extends EventTopic>(
    topic: T,
    partition: number,
    events: readonly TopicPayloads[T][],
    offsets: readonly string[],
    handler: BatchHandler<T>,
  ): Promise<void> {
    if (events.length === 0) return;
    const batch = new EventBatch(topic, partition, events, this.options.source, offsets);
    await tracer.startActiveSpan(
      `${topic} process`,
      {
        kind: SpanKind.CONSUMER,
        links: linksTo(events),
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': topic,
          'messaging.destination.partition.id': String(partition),
          'messaging.batch.message_count': events.length,
        },
      },
      async (span) => {
        try {
          const started = performance.now();
          await handler(batch);
          const handled = performance.now();
          await this.publisher.sendAll(batch.pending);
          await batch.published();
          handlerSeconds.record((handled - started) / 1000, { topic, phase: 'handle' });
          handlerSeconds.record((performance.now() - handled) / 1000, { topic, phase: 'publish' });
          batchEvents.record(events.length, { topic });
        } catch (error) {
          batch.rollBack();
          span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  private count<T extends EventTopic>(topic: T, checked: readonly Checked<T>[]): void {
    for (const { check } of checked) {
      if (check.kind === 'event') consumed.add(1, { topic, outcome: 'processed' });
      else if (check.kind === 'invalid') consumed.add(1, { topic, outcome: 'dead_lettered' });
      else {
        consumed.add(1, { topic, outcome: 'skipped' });
        skippedTypes.add(1, { topic, type: check.type });
        if (!this.unknownTypesSeen.has(check.type)) {
          this.unknownTypesSeen.add(check.type);
          this.logger.warn({
            message: 'skipping events of a type this version does not know',
            topic,
            type: check.type,
          });
        }
      }
    }
  }
}

const heartbeatEveryMs = 3_000;

/** Waits between attempts while telling the group this member is alive (a wait may outlast the session timeout). */
async function waitWithHeartbeats(delayMs: number, heartbeat: () => Promise<void>): Promise<void> {
  for (let left = delayMs; left > 0; left -= heartbeatEveryMs) {
    await sleep(Math.min(left, heartbeatEveryMs));
    await heartbeat();
  }
}

/** Each event's own trace, linked from the batch's span (a batch has many parents). */
function linksTo(events: readonly { traceparent?: string }[]): Link[] {
  const links: Link[] = [];
  for (const { traceparent } of events.slice(0, 128)) {
    if (!traceparent) continue;
    const context = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent }));
    if (context) links.push({ context });
  }
  return links;
}
