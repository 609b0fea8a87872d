// What the BatchProcessor unit tests share: a publisher that records what it is given, records as
// kafkajs delivers them, and a handler that fails where a test says.
import assert from 'node:assert/strict';
import {
  DeadLetterHeaders,
  Topics,
  createEvent,
  type EventDataByType,
  type TopicPayloads,
} from '@handoff/contracts';
import type { KafkaMessage, Message } from 'kafkajs';
import type { MessagingOptions } from '../messaging.options.js';
import type { TopicMessage } from '../publishing/event-message.js';
import type { EventPublisher } from '../publishing/event-publisher.js';
import { BatchProcessor, type BatchHandler, type ChunkOutcome } from './batch-processor.js';
import { consumedRecord, type ConsumedRecord } from './consumed-record.js';
import { DeadLetterWriter } from './dead-letters.js';
import type { EventBatch } from './event-batch.js';

export type Topic = typeof Topics.AgentStatus;
export type StatusEvent = TopicPayloads[Topic];

/** The publisher as the processor and the dead-letter writer use it: emits through sendAll, dead letters through send. */
export class FakePublisher {
  /** Each successful sendAll, with the messages it carried. */
  readonly emitted: TopicMessage[][] = [];
  readonly raw: { topic: string; messages: Message[] }[] = [];
  sendAllFailure: (() => unknown) | undefined;
  sendFailure: (() => unknown) | undefined;

  async sendAll(messages: readonly TopicMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const failure = this.sendAllFailure?.();
    if (failure) throw failure;
    this.emitted.push([...messages]);
  }

  async send(topic: string, messages: Message[]): Promise<void> {
    const failure = this.sendFailure?.();
    if (failure) throw failure;
    this.raw.push({ topic, messages });
  }

  /** The dead letters written, in order, as the headers say. */
  get deadLetters() {
    return this.raw
      .filter(({ topic }) => topic === Topics.DeadLetter)
      .flatMap(({ messages }) => messages)
      .map((message) => ({
        offset: String(message.headers![DeadLetterHeaders.offset]),
        stage: String(message.headers![DeadLetterHeaders.stage]),
        attempts: String(message.headers![DeadLetterHeaders.attempts]),
        reason: String(message.headers![DeadLetterHeaders.reason]),
        key: message.key,
        value: message.value,
      }));
  }

  /** The ids of the events emitted, in the order they were sent. */
  get emittedIds(): string[] {
    return this.emitted.flat().map(({ message }) => JSON.parse(String(message.value)).id);
  }
}

export const options: MessagingOptions = {
  connection: { brokers: ['127.0.0.1:9092'], clientId: 'tests' },
  groupId: 'handoff-tests',
  source: '/handoff/tests',
  topics: [],
  topicPartitions: 3,
  replicationFactor: 1,
  maxAttempts: 3,
  retryBackoffMs: 0,
  retryMaxBackoffMs: 0,
  partitionsConsumedConcurrently: 1,
  maxBatchSize: 500,
  stallTimeoutMs: 60_000,
};

export const partition = 2;

export function statusChanged(
  agentId: string,
  id: string,
  data: Partial<EventDataByType['handoff.agent.status.changed']> = {},
) {
  return createEvent(
    'handoff.agent.status.changed',
    {
      agentId,
      tenantId: 'acme',
      displayName: `Agent ${agentId}`,
      status: 'online',
      skills: [{ name: 'billing', proficiency: 3 }],
      languages: ['en'],
      capacity: 3,
      ...data,
    },
    { source: '/desk', id },
  );
}

/** A record as the consumer hands it over: the raw bytes kafkajs delivered. */
export function record(offset: number, value: unknown, key: string | null): ConsumedRecord {
  const bytes =
    value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
  const message: KafkaMessage = {
    offset: String(offset),
    key: key === null ? null : Buffer.from(key),
    value: bytes,
    headers: { 'content-type': Buffer.from('application/cloudevents+json; charset=utf-8') },
    timestamp: '1764064800000',
    attributes: 0,
  };
  return consumedRecord(Topics.AgentStatus, partition, message);
}

/** Valid records for events e<first>..e<first+count-1>, at offsets from 100, alternating between two agents. */
export function validRecords(
  count: number,
  firstOffset = 100,
): { records: ConsumedRecord[]; events: StatusEvent[] } {
  const events = Array.from({ length: count }, (_, index) =>
    statusChanged(index % 2 ? 'agent-b' : 'agent-a', `e${index}`),
  );
  return {
    events,
    records: events.map((event, index) => record(firstOffset + index, event, event.partitionkey)),
  };
}

/**
 * A handler that handles its batch's events in order, emitting a notification for each, and fails
 * as `failFor` says for the event it has reached. It records every call and what completed.
 */
export class RecordingHandler {
  /** The ids of the events of each call, in order. */
  readonly calls: string[][] = [];
  /** Ids of events handled in a call that completed. */
  readonly completed: string[] = [];
  failFor: (event: StatusEvent, batch: EventBatch<Topic>) => unknown = () => undefined;

  readonly handle: BatchHandler<Topic> = async (batch) => {
    const ids = batch.events.map((event) => event.id);
    this.calls.push(ids);
    assert.equal(batch.topic, Topics.AgentStatus);
    assert.equal(batch.partition, partition);
    for (const event of batch.events) {
      const failure = this.failFor(event, batch);
      if (failure) throw failure;
      batch.emit('handoff.customer.notification.requested', notificationFor(event), {
        id: `notified:${event.id}`,
      });
    }
    this.completed.push(...ids);
  };

  attemptsOf(id: string): number {
    return this.calls.filter((ids) => ids.includes(id)).length;
  }
}

export function notificationFor(
  event: StatusEvent,
): EventDataByType['handoff.customer.notification.requested'] {
  // These tests publish status changes only (the topic also carries shift schedules).
  const { displayName, status } = event.data as EventDataByType['handoff.agent.status.changed'];
  return {
    notificationId: `n-${event.id}`,
    conversationId: `conv-${event.id}`,
    tenantId: 'acme',
    channel: 'web',
    language: 'en',
    template: 'handoff.connecting',
    text: `${displayName} is ${status}`,
    createdAt: '2026-11-25T10:00:00.000Z',
  };
}

/** A processor over a fresh FakePublisher and RecordingHandler, counting the heartbeats it gives. */
export class ProcessorHarness {
  readonly publisher = new FakePublisher();
  readonly handler = new RecordingHandler();
  heartbeats = 0;
  readonly processor: BatchProcessor;

  constructor(processorOptions: MessagingOptions = options) {
    const asPublisher = this.publisher as unknown as EventPublisher;
    this.processor = new BatchProcessor(
      asPublisher,
      new DeadLetterWriter(asPublisher, processorOptions),
      processorOptions,
    );
  }

  process(
    records: readonly ConsumedRecord[],
    handle: BatchHandler<Topic> = this.handler.handle,
  ): Promise<ChunkOutcome> {
    return this.processor.process(Topics.AgentStatus, partition, records, handle, async () => {
      this.heartbeats++;
    });
  }
}
