import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import { Topics } from '@handoff/contracts';
import type { BatchHandler, ChunkOutcome } from './batch-processor.js';
import {
  ProcessorHarness,
  record,
  statusChanged,
  validRecords,
  type FakePublisher,
  type RecordingHandler,
  type StatusEvent,
  type Topic,
} from './batch-processor.fixtures.js';
import type { ConsumedRecord } from './consumed-record.js';
import { RejectedEventError } from './failure-classifier.js';

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
