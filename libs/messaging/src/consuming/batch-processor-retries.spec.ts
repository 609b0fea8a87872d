import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import type { BatchHandler, ChunkOutcome } from './batch-processor.js';
import {
  ProcessorHarness,
  notificationFor,
  options,
  record,
  statusChanged,
  validRecords,
  type FakePublisher,
  type RecordingHandler,
  type Topic,
} from './batch-processor.fixtures.js';
import type { ConsumedRecord } from './consumed-record.js';
import { TransientError } from './failure-classifier.js';

describe('BatchProcessor', () => {
  let harness: ProcessorHarness;
  let publisher: FakePublisher;
  let handler: RecordingHandler;

  before(() => Logger.overrideLogger(false));

  beforeEach(() => {
    harness = new ProcessorHarness();
    ({ publisher, handler } = harness);
  });

  function process(
    records: readonly ConsumedRecord[],
    handle?: BatchHandler<Topic>,
  ): Promise<ChunkOutcome> {
    return harness.process(records, handle);
  }

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
        heartbeatsAtCall.push(harness.heartbeats);
        await handler.handle(batch);
      });

      assert.equal(harness.heartbeats, 4);
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
      const slowHarness = new ProcessorHarness(slow);
      const slowHandler = slowHarness.handler;
      const { records } = validRecords(4);
      const started: { ids: string; at: number }[] = [];
      slowHandler.failFor = (event) => (event.id === 'e3' ? new Error('poison') : undefined);

      const outcome = await slowHarness.process(records, async (batch) => {
        started.push({
          ids: batch.events.map((event) => event.id).join(','),
          at: performance.now(),
        });
        await slowHandler.handle(batch);
      });

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
      assert.equal(harness.heartbeats, 0);
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
});
