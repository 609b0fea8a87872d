import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventValidator, type EventTopic, type TopicPayloads } from '@handoff/contracts';
import type { KafkaContext } from '@nestjs/microservices';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, propagation, trace } from '@opentelemetry/api';
import { meter } from '@handoff/service-kit';
import { setTimeout as sleep } from 'node:timers/promises';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { DeadLetterPublisher, type ConsumedRecord } from './dead-letter.js';

const tracer = trace.getTracer('handoff.messaging');
const consumed = meter().createCounter('handoff_events_consumed_total', {
  description: 'Events consumed, by topic and outcome (processed, dead_lettered)',
});

export type EventHandler<T extends EventTopic> = (event: TopicPayloads[T]) => Promise<void>;

/**
 * The one way an inbound Kafka message reaches a service: validated against its topic's
 * contract, processed with bounded retries, and dead-lettered with a reason when it is
 * malformed or keeps failing. It never throws for a bad message, so a partition is never
 * blocked; it throws only when even the dead-letter write fails, so nothing is lost.
 */
@Injectable()
export class InboundEvents {
  private readonly logger = new Logger(InboundEvents.name);
  private readonly validator = new EventValidator();

  constructor(
    private readonly deadLetters: DeadLetterPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async handle<T extends EventTopic>(topic: T, context: KafkaContext, handler: EventHandler<T>): Promise<void> {
    const record = toRecord(context);
    const result = this.validator.parse(topic, record.value);
    if (!result.ok) {
      await this.deadLetters.deadLetter(record, 'validation', result.reason, 0);
      consumed.add(1, { topic, outcome: 'dead_lettered' });
      return;
    }
    const event = result.event;
    const parent = propagation.extract(ROOT_CONTEXT, event.traceparent ? { traceparent: event.traceparent } : {});
    await tracer.startActiveSpan(
      `${topic} process`,
      { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'cloudevents.event_type': event.type } },
      parent,
      async (span) => {
        try {
          const outcome = await this.processWithRetries(record, event, handler, context);
          consumed.add(1, { topic, outcome });
          if (outcome === 'dead_lettered') span.setStatus({ code: SpanStatusCode.ERROR });
        } finally {
          span.end();
        }
      },
    );
  }

  private async processWithRetries<T extends EventTopic>(
    record: ConsumedRecord,
    event: TopicPayloads[T],
    handler: EventHandler<T>,
    context: KafkaContext,
  ): Promise<'processed' | 'dead_lettered'> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      try {
        await handler(event);
        return 'processed';
      } catch (error) {
        lastError = error;
        this.logger.warn({ message: 'processing failed', attempt, type: event.type, id: event.id, error: describe(error) });
        if (attempt < this.options.maxAttempts) {
          await sleep(this.options.retryBackoffMs * 2 ** (attempt - 1));
          await context.getHeartbeat()();
        }
      }
    }
    const reason = `processing failed after ${this.options.maxAttempts} attempts: ${describe(lastError)}`;
    await this.deadLetters.deadLetter(record, 'processing', reason, this.options.maxAttempts);
    return 'dead_lettered';
  }
}

function toRecord(context: KafkaContext): ConsumedRecord {
  const message = context.getMessage();
  return {
    topic: context.getTopic(),
    partition: context.getPartition(),
    offset: message.offset,
    key: message.key ?? null,
    value: message.value ?? null,
    headers: message.headers ?? {},
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
