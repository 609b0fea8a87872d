import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
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
import { RejectedEventError } from './failure-classifier.js';
import { BatchProcessor, type BatchHandler, type ChunkOutcome } from './batch-processor.js';
import { consumedRecord, type ConsumedRecord } from './consumed-record.js';
import { DeadLetterWriter } from './dead-letters.js';
import type { EventBatch } from './event-batch.js';
import { TransientError } from './failure-classifier.js';

type Topic = typeof Topics.AgentStatus;
type StatusEvent = TopicPayloads[Topic];

/** The publisher as the processor and the dead-letter writer use it: emits through sendAll, dead letters through send. */
class FakePublisher {
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

const options: MessagingOptions = {
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

const partition = 2;

function statusChanged(
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
function record(offset: number, value: unknown, key: string | null): ConsumedRecord {
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
function validRecords(
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
class RecordingHandler {
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

function notificationFor(
  event: StatusEvent,
): EventDataByType['handoff.customer.notification.requested'] {
  return {
    notificationId: `n-${event.id}`,
    conversationId: `conv-${event.id}`,
    tenantId: 'acme',
    channel: 'web',
    language: 'en',
    template: 'handoff.connecting',
    text: `${event.data.displayName} is ${event.data.status}`,
    createdAt: '2026-11-25T10:00:00.000Z',
  };
}

describe('BatchProcessor', () => {
  let publisher: FakePublisher;
  let processor: BatchProcessor;
  let handler: RecordingHandler;
  let heartbeats: number;

  before(() => Logger.overrideLogger(false));

  beforeEach(() => {
    publisher = new FakePublisher();
    const asPublisher = publisher as unknown as EventPublisher;
    processor = new BatchProcessor(
      asPublisher,
      new DeadLetterWriter(asPublisher, options),
      options,
    );
    handler = new RecordingHandler();
    heartbeats = 0;
  });

  function process(
    records: readonly ConsumedRecord[],
    handle: BatchHandler<Topic> = handler.handle,
  ): Promise<ChunkOutcome> {
    return processor.process(Topics.AgentStatus, partition, records, handle, async () => {
      heartbeats++;
    });
  }

  it('does nothing for no records', async () => {
    assert.deepEqual(await process([]), {});
    assert.deepEqual(handler.calls, []);
  });

  describe('when every event is valid and the handler succeeds', () => {
    it('hands every event to the handler at once, in order, sends what it emitted together, and is done through the last offset', async () => {
      const { records, events } = validRecords(5);
      let received: readonly StatusEvent[] = [];

      const outcome = await process(records, async (batch) => {
        received = batch.events;
        await handler.handle(batch);
      });

      assert.deepEqual(outcome, { doneThrough: '104' });
      assert.deepEqual(received, events);
      assert.deepEqual(handler.calls, [['e0', 'e1', 'e2', 'e3', 'e4']]);
      assert.equal(publisher.emitted.length, 1, 'one send for the whole batch');
      assert.deepEqual(publisher.emittedIds, [
        'notified:e0',
        'notified:e1',
        'notified:e2',
        'notified:e3',
        'notified:e4',
      ]);
      assert.equal(publisher.emitted[0]![0]!.topic, Topics.CustomerNotifications);
      assert.equal(
        JSON.parse(String(publisher.emitted[0]![0]!.message.value)).source,
        '/handoff/tests',
      );
      assert.deepEqual(publisher.deadLetters, []);
    });
  });

  describe('invalid records', () => {
    it('dead-letters each invalid record at the validation stage with its reason, and processes the valid ones', async () => {
      const valid = statusChanged('agent-a', 'ok-1');
      const alsoValid = statusChanged('agent-b', 'ok-2');
      const schemaBreak = statusChanged('agent-a', 'bad-capacity', { capacity: 99 });
      const oversized = statusChanged('agent-a', 'too-big', { displayName: 'x'.repeat(70 * 1024) });
      const records = [
        record(100, valid, 'agent-a'),
        record(101, '{"specversion":"1.0",', 'agent-a'),
        record(102, statusChanged('agent-a', 'wrong-key'), 'agent-b'),
        record(103, schemaBreak, 'agent-a'),
        record(104, oversized, 'agent-a'),
        record(105, alsoValid, 'agent-b'),
      ];

      const outcome = await process(records);

      assert.deepEqual(outcome, { doneThrough: '105' });
      assert.deepEqual(handler.calls, [['ok-1', 'ok-2']]);
      assert.deepEqual(publisher.emittedIds, ['notified:ok-1', 'notified:ok-2']);
      const letters = publisher.deadLetters;
      assert.deepEqual(
        letters.map(({ offset, stage, attempts }) => [offset, stage, attempts]),
        [
          ['101', 'validation', '0'],
          ['102', 'validation', '0'],
          ['103', 'validation', '0'],
          ['104', 'validation', '0'],
        ],
      );
      assert.match(letters[0]!.reason, /^value is not JSON/);
      assert.match(
        letters[1]!.reason,
        /^record key "agent-b" is not the event's aggregate id agent-a/,
      );
      assert.match(
        letters[2]!.reason,
        /^handoff\.agent\.status\.changed data is invalid: \/capacity must be <= 50/,
      );
      assert.match(
        letters[3]!.reason,
        /^event of \d+ bytes exceeds the 65536-byte limit of handoff\.agent\.status\.v1/,
      );
      assert.deepEqual(letters[0]!.value, records[1]!.value, 'the original bytes are kept');
      assert.deepEqual(letters[1]!.key, Buffer.from('agent-b'));
    });

    it('dead-letters a chunk of only invalid records without calling the handler', async () => {
      const outcome = await process([record(7, null, 'agent-a'), record(8, '[]', null)]);

      assert.deepEqual(outcome, { doneThrough: '8' });
      assert.deepEqual(handler.calls, []);
      assert.deepEqual(
        publisher.deadLetters.map(({ offset, reason }) => [offset, reason.split(':')[0]]),
        [
          ['7', 'empty message value'],
          ['8', 'not a CloudEvent'],
        ],
      );
    });

    it('keeps the records when their dead letters cannot be written: nothing is done, the partition retries', async () => {
      const unreachable = Object.assign(new Error('Connection error: connect ECONNREFUSED'), {
        name: 'KafkaJSConnectionError',
      });
      publisher.sendFailure = () => unreachable;

      const outcome = await process([
        record(100, statusChanged('agent-a', 'ok-1'), 'agent-a'),
        record(101, 'not json', 'agent-a'),
      ]);

      assert.deepEqual(outcome, { transient: unreachable });
    });
  });

  describe('unknown event types', () => {
    it('skips an event of a type this version does not know: neither handled nor dead-lettered', async () => {
      const newer = { ...statusChanged('agent-a', 'newer'), type: 'handoff.agent.shift.planned' };
      const records = [
        record(100, statusChanged('agent-a', 'ok-1'), 'agent-a'),
        record(101, newer, 'agent-a'),
        record(102, statusChanged('agent-b', 'ok-2'), 'agent-b'),
      ];

      const outcome = await process(records);

      assert.deepEqual(outcome, { doneThrough: '102' });
      assert.deepEqual(handler.calls, [['ok-1', 'ok-2']]);
      assert.deepEqual(publisher.deadLetters, []);
    });

    it('is done with a chunk of only unknown types without calling the handler', async () => {
      const newer = { ...statusChanged('agent-a', 'newer'), type: 'handoff.agent.shift.planned' };

      assert.deepEqual(await process([record(41, newer, 'agent-a')]), { doneThrough: '41' });
      assert.deepEqual(handler.calls, []);
    });
  });

  describe('an event that can never be processed', () => {
    it('dead-letters the poison event after exactly maxAttempts attempts, processes every other event, and is done through the last offset', async () => {
      const { records } = validRecords(5);
      const poison = new Error('agent e2 cannot be stored: bad document');
      handler.failFor = (event) => (event.id === 'e2' ? poison : undefined);

      const outcome = await process(records);

      assert.deepEqual(outcome, { doneThrough: '104' });
      const letters = publisher.deadLetters;
      assert.equal(letters.length, 1);
      assert.equal(letters[0]!.offset, '102');
      assert.equal(letters[0]!.stage, 'processing');
      assert.equal(letters[0]!.attempts, '3');
      assert.equal(
        letters[0]!.reason,
        'processing failed after 3 attempts: agent e2 cannot be stored: bad document',
      );
      assert.deepEqual(letters[0]!.value, records[2]!.value);
      assert.deepEqual([...handler.completed].sort(), ['e0', 'e1', 'e3', 'e4']);
      assert.deepEqual(
        publisher.emittedIds.sort(),
        ['notified:e0', 'notified:e1', 'notified:e3', 'notified:e4'],
        'each emitted once: a failed attempt sends nothing',
      );
      assert.equal(
        handler.attemptsOf('e2'),
        options.maxAttempts,
        `attempts with e2: ${JSON.stringify(handler.calls)}`,
      );
    });

    it('replays the chunk one record at a time, in order, after the batch failed', async () => {
      const { records } = validRecords(4);
      handler.failFor = (event) => (event.id === 'e1' ? new Error('poison') : undefined);

      await process(records);

      assert.deepEqual(handler.calls.slice(0, 2), [['e0', 'e1', 'e2', 'e3'], ['e0']]);
      assert.deepEqual(handler.calls.at(-2), ['e2']);
      assert.deepEqual(handler.calls.at(-1), ['e3']);
      assert.ok(handler.calls.slice(2, -2).every((ids) => ids.length === 1 && ids[0] === 'e1'));
    });

    it('gives the event of a single-event chunk that always fails exactly maxAttempts attempts', async () => {
      handler.failFor = () =>
        new TypeError("Cannot read properties of undefined (reading 'skills')");

      const outcome = await process([record(300, statusChanged('agent-a', 'only'), 'agent-a')]);

      assert.deepEqual(outcome, { doneThrough: '300' });
      assert.equal(handler.attemptsOf('only'), 3);
      assert.deepEqual(
        publisher.deadLetters.map(({ offset, stage, attempts, reason }) => [
          offset,
          stage,
          attempts,
          reason,
        ]),
        [
          [
            '300',
            'processing',
            '3',
            "processing failed after 3 attempts: Cannot read properties of undefined (reading 'skills')",
          ],
        ],
      );
    });

    it('processes an event that failed only as part of the batch without dead-lettering it', async () => {
      const { records } = validRecords(3);
      // Fails whenever e0 and e1 are handled together, as a batch-level constraint would.
      handler.failFor = (_event, batch) =>
        batch.events.length > 1 ? new Error('batch too large for the store') : undefined;

      const outcome = await process(records);

      assert.deepEqual(outcome, { doneThrough: '102' });
      assert.deepEqual(publisher.deadLetters, []);
      assert.deepEqual(handler.completed, ['e0', 'e1', 'e2']);
    });

    it('dead-letters invalid records once, in their place, when the batch also holds a poison event', async () => {
      const records = [
        record(100, statusChanged('agent-a', 'ok-1'), 'agent-a'),
        record(101, 'not json', 'agent-a'),
        record(102, statusChanged('agent-a', 'poison'), 'agent-a'),
        record(103, statusChanged('agent-b', 'ok-2'), 'agent-b'),
      ];
      handler.failFor = (event) => (event.id === 'poison' ? new Error('cannot store') : undefined);

      const outcome = await process(records);

      assert.deepEqual(outcome, { doneThrough: '103' });
      assert.deepEqual(
        publisher.deadLetters.map(({ offset, stage }) => [offset, stage]),
        [
          ['101', 'validation'],
          ['102', 'processing'],
        ],
      );
      assert.deepEqual(handler.completed, ['ok-1', 'ok-2']);
    });

    it('heartbeats after each record of the one-by-one replay', async () => {
      const { records } = validRecords(4);
      const heartbeatsAtCall: number[] = [];
      handler.failFor = (event) => (event.id === 'e3' ? new Error('poison') : undefined);

      await process(records, async (batch) => {
        heartbeatsAtCall.push(heartbeats);
        await handler.handle(batch);
      });

      assert.equal(heartbeats, 4);
      // Before each record alone: e0 after 0 heartbeats, e1 after 1, e2 after 2, e3's attempts after 3.
      assert.deepEqual(heartbeatsAtCall.slice(0, 4), [0, 0, 1, 2]);
      assert.ok(heartbeatsAtCall.slice(4).every((count) => count === 3));
    });

    it('does not move past a poison event whose dead letter cannot be written', async () => {
      const { records } = validRecords(3);
      const refused = new Error('Not authorized to access topics: [handoff.dlq.v1]');
      handler.failFor = (event) => (event.id === 'e1' ? new Error('poison') : undefined);
      publisher.sendFailure = () => refused;

      const outcome = await process(records);

      assert.deepEqual(outcome, { doneThrough: '100', transient: refused });
      assert.deepEqual(handler.completed, ['e0']);
      assert.equal(handler.attemptsOf('e2'), 1, 'e2 waits for the retry of the partition');
    });

    it('waits between the attempts of the failing event, not before each event of the replay', async () => {
      const backoffMs = 200;
      const slow = { ...options, retryBackoffMs: backoffMs, retryMaxBackoffMs: backoffMs };
      const asPublisher = publisher as unknown as EventPublisher;
      const slowProcessor = new BatchProcessor(
        asPublisher,
        new DeadLetterWriter(asPublisher, slow),
        slow,
      );
      const { records } = validRecords(4);
      const started: { ids: string; at: number }[] = [];
      handler.failFor = (event) => (event.id === 'e3' ? new Error('poison') : undefined);

      const outcome = await slowProcessor.process(
        Topics.AgentStatus,
        partition,
        records,
        async (batch) => {
          started.push({
            ids: batch.events.map((event) => event.id).join(','),
            at: performance.now(),
          });
          await handler.handle(batch);
        },
        async () => undefined,
      );

      assert.deepEqual(outcome, { doneThrough: '103' });
      const solo = started.slice(1);
      assert.deepEqual(
        solo.map(({ ids }) => ids),
        ['e0', 'e1', 'e2', 'e3', 'e3'],
      );
      const gaps = solo.slice(1).map(({ at }, index) => Math.round(at - solo[index]!.at));
      // e0 -> e1 and e1 -> e2: the next event at once; e2 -> e3 once, then e3's retry after a backoff (at least 80% of it).
      assert.ok(
        gaps[0]! < backoffMs / 2 && gaps[1]! < backoffMs / 2,
        `innocent events are replayed without waiting: gaps ${gaps.join(', ')} ms`,
      );
      assert.ok(
        gaps[3]! >= backoffMs * 0.8 - 5,
        `the failing event waits before its retry: gaps ${gaps.join(', ')} ms`,
      );
    });

    it('dead-letters the input event when an event its handler emits is larger than the topic takes', async () => {
      const { records } = validRecords(3);
      const handle: BatchHandler<Topic> = async (batch) => {
        handler.calls.push(batch.events.map((event) => event.id));
        for (const event of batch.events) {
          const text = event.id === 'e1' ? 'x'.repeat(800 * 1024) : 'ok';
          batch.emit(
            'handoff.customer.notification.requested',
            { ...notificationFor(event), text },
            { id: `notified:${event.id}` },
          );
        }
      };

      const outcome = await process(records, handle);

      assert.deepEqual(outcome, { doneThrough: '102' });
      const letters = publisher.deadLetters;
      assert.equal(letters.length, 1);
      assert.equal(letters[0]!.offset, '101');
      assert.equal(letters[0]!.stage, 'processing');
      assert.match(
        letters[0]!.reason,
        /^processing failed after 3 attempts: handoff\.customer\.notification\.requested notified:e1 is \d+ bytes, over the 786432-byte limit/,
      );
      assert.deepEqual(publisher.emittedIds.sort(), ['notified:e0', 'notified:e2']);
    });
  });

  describe('when a dependency is down', () => {
    it('stops at once on a TransientError from the handler: nothing done, nothing dead-lettered, nothing sent', async () => {
      const { records } = validRecords(3);
      const storeDown = new TransientError('store unreachable');
      handler.failFor = () => storeDown;

      const outcome = await process([...records, record(103, 'not json', 'agent-a')]);

      assert.deepEqual(outcome, { transient: storeDown });
      assert.equal(outcome.transient, storeDown);
      assert.equal(handler.calls.length, 1, 'no one-by-one replay');
      assert.deepEqual(publisher.deadLetters, []);
      assert.deepEqual(publisher.emitted, []);
      assert.equal(heartbeats, 0);
    });

    it("recognises a client library's outage error thrown by the handler", async () => {
      const mongoDown = Object.assign(new Error('Server selection timed out after 30000 ms'), {
        name: 'MongoServerSelectionError',
      });
      handler.failFor = () => mongoDown;

      assert.deepEqual(await process(validRecords(2).records), { transient: mongoDown });
      assert.deepEqual(publisher.deadLetters, []);
    });

    it('is done through the record before the one a dependency outage stopped in the one-by-one replay', async () => {
      const { records } = validRecords(4);
      const presenceDown = new TransientError('presence unavailable');
      handler.failFor = (event, batch) => {
        if (batch.events.length > 1)
          return event.id === 'e2' ? new Error('e2 breaks the batch') : undefined;
        return event.id === 'e2' ? presenceDown : undefined;
      };

      const outcome = await process(records);

      assert.deepEqual(outcome, { doneThrough: '101', transient: presenceDown });
      assert.deepEqual(handler.completed, ['e0', 'e1']);
      assert.equal(handler.attemptsOf('e3'), 1, 'e3 is not tried alone after the outage');
      assert.deepEqual(publisher.deadLetters, []);
    });

    it('is done through nothing when the outage stops the first record of the replay', async () => {
      const { records } = validRecords(2);
      const presenceDown = new TransientError('presence unavailable');
      handler.failFor = (event, batch) =>
        batch.events.length > 1 ? new Error('breaks the batch') : presenceDown;

      assert.deepEqual(await process(records), { transient: presenceDown });
    });

    it('rolls the batch back when its emits cannot be sent, and reports the outage', async () => {
      const { records } = validRecords(3);
      const brokerDown = Object.assign(
        new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'),
        { name: 'KafkaJSConnectionError' },
      );
      publisher.sendAllFailure = () => brokerDown;
      const cache = new Map<string, string>();
      const undone: string[] = [];

      const outcome = await process(records, async (batch) => {
        for (const event of batch.events) {
          const previous = cache.get(event.data.agentId);
          cache.set(event.data.agentId, event.id);
          batch.onFailure(() => {
            undone.push(event.id);
            if (previous === undefined) cache.delete(event.data.agentId);
            else cache.set(event.data.agentId, previous);
          });
        }
        await handler.handle(batch);
      });

      assert.deepEqual(outcome, { transient: brokerDown });
      assert.deepEqual(undone, ['e2', 'e1', 'e0'], 'undo steps run newest first');
      assert.deepEqual([...cache], [], 'memory does not run ahead of what was published');
      assert.deepEqual(publisher.deadLetters, []);
    });

    it('rolls back an attempt whose handler failed, before the replay', async () => {
      const { records } = validRecords(2);
      const undone: string[] = [];
      handler.failFor = (event) => (event.id === 'e1' ? new Error('poison') : undefined);

      await process(records, async (batch) => {
        batch.onFailure(() => undone.push(batch.events.map((event) => event.id).join(',')));
        await handler.handle(batch);
      });

      assert.equal(undone[0], 'e0,e1', 'the failed batch attempt is rolled back');
      assert.ok(undone.length > 1, 'and so is each failed attempt of e1 alone');
      assert.ok(
        undone.slice(1).every((ids) => ids === 'e1'),
        `e0 alone succeeded and is not rolled back: ${JSON.stringify(undone)}`,
      );
    });
  });

  describe('an event the handler rejects by name', () => {
    it('dead-letters it at once, on its first attempt, and runs the rest of the chunk again as one batch', async () => {
      const { records } = validRecords(5);
      handler.failFor = (event) =>
        event.id === 'e2' ? new RejectedEventError('conversation never started', 'e2') : undefined;

      const outcome = await process(records);

      assert.deepEqual(outcome, { doneThrough: '104' });
      assert.deepEqual(
        publisher.deadLetters.map(({ offset, stage, attempts, reason }) => [
          offset,
          stage,
          attempts,
          reason,
        ]),
        [['102', 'processing', '1', 'rejected: conversation never started']],
      );
      assert.deepEqual(handler.calls, [
        ['e0', 'e1', 'e2', 'e3', 'e4'],
        ['e0', 'e1', 'e3', 'e4'],
      ]);
      assert.deepEqual(handler.completed, ['e0', 'e1', 'e3', 'e4']);
    });

    it('dead-letters a rejection that names no event of the batch after its attempts, like any failure', async () => {
      const { records } = validRecords(1);
      handler.failFor = () => new RejectedEventError('refused', 'some-other-event');

      await process(records);

      assert.deepEqual(
        publisher.deadLetters.map(({ offset, attempts, reason }) => [offset, attempts, reason]),
        [['100', '2', 'rejected: refused']],
      );
    });
  });
});
