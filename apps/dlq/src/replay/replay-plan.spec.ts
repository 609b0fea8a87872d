import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeadLetterHeaders, Topics, replayedFromHeader } from '@handoff/contracts';
import type { IHeaders } from 'kafkajs';
import { deadLetterView } from '../dead-letters/dead-letter-view.js';
import type { RawRecord } from '../dead-letters/raw-record.js';
import { replayHistory } from './replay-history.js';
import { isDeadLetterHeader, planReplay, replayHeaders, replayMessage } from './replay-plan.js';

const originalHeaders: IHeaders = {
  'content-type': Buffer.from('application/cloudevents+json'),
  'x-binary': Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]),
  'x-repeated': [Buffer.from('first'), Buffer.from('second')],
  traceparent: Buffer.from('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'),
};

const deadLetterHeaders: IHeaders = {
  [DeadLetterHeaders.topic]: Buffer.from(Topics.AgentStatus),
  [DeadLetterHeaders.partition]: Buffer.from('2'),
  [DeadLetterHeaders.offset]: Buffer.from('40'),
  [DeadLetterHeaders.reason]: Buffer.from('after 3 attempts: boom'),
  [DeadLetterHeaders.stage]: Buffer.from('processing'),
  [DeadLetterHeaders.attempts]: Buffer.from('3'),
  [DeadLetterHeaders.consumerGroup]: Buffer.from('handoff-presence'),
  [DeadLetterHeaders.failedAt]: Buffer.from('2024-05-01T10:00:00.000Z'),
};

function letter(offset: string, overrides: Partial<RawRecord> = {}) {
  return deadLetterView({
    topic: Topics.DeadLetter,
    partition: 0,
    offset,
    timestamp: '1714557600000',
    key: Buffer.from([0x00, 0xff, 0x61]),
    value: Buffer.from('{"id":"evt"}'),
    headers: { ...originalHeaders, ...deadLetterHeaders },
    ...overrides,
  });
}

function replayedRecord(deadLetterId: string): RawRecord {
  const value = {
    deadLetterId,
    originalTopic: Topics.AgentStatus,
    originalPartition: 2,
    originalOffset: '40',
    replayedTo: { topic: Topics.AgentStatus, partition: 2, offset: '99' },
    replayedAt: '2024-05-02T08:00:00.000Z',
    replayedBy: 'ana@ops-1',
    reason: 'after 3 attempts: boom',
  };
  return {
    topic: Topics.DeadLetterReplays,
    partition: 0,
    offset: '0',
    timestamp: '0',
    key: Buffer.from(deadLetterId),
    value: Buffer.from(JSON.stringify(value)),
    headers: {},
  };
}

describe('replay headers', () => {
  it('are the original headers, byte for byte, without any handoff-dlq-* header, plus where the copy comes from', () => {
    const headers = replayHeaders(
      {
        ...originalHeaders,
        ...deadLetterHeaders,
        [DeadLetterHeaders.valueOmitted]: Buffer.from('x'),
        'handoff-dlq-future': Buffer.from('y'),
      },
      '0:12',
    );
    assert.deepEqual(headers, { ...originalHeaders, [replayedFromHeader]: '0:12' });
  });

  it('replace the replayed-from header of a record that was replayed and failed again', () => {
    const headers = replayHeaders(
      { ...originalHeaders, [replayedFromHeader]: Buffer.from('0:3'), ...deadLetterHeaders },
      '0:12',
    );
    assert.equal(headers[replayedFromHeader], '0:12');
  });

  it('know a dead-letter header by its prefix, in any case', () => {
    assert.equal(isDeadLetterHeader('handoff-dlq-reason'), true);
    assert.equal(isDeadLetterHeader('Handoff-DLQ-Reason'), true);
    assert.equal(isDeadLetterHeader('handoff-replayed-from'), false);
    assert.equal(isDeadLetterHeader('x-handoff-dlq-reason'), false);
  });

  it('go with the original key and value, byte for byte', () => {
    const message = replayMessage(letter('12'));
    assert.deepEqual(message.key, Buffer.from([0x00, 0xff, 0x61]));
    assert.deepEqual(message.value, Buffer.from('{"id":"evt"}'));
    assert.equal(message.headers![replayedFromHeader], '0:12');
    assert.equal(Object.keys(message.headers!).filter(isDeadLetterHeader).length, 0);
  });
});

describe('planReplay', () => {
  const history = replayHistory([replayedRecord('0:2')]);

  it('replays what was not replayed yet, to its original topic and partition, and skips what was', () => {
    const plan = planReplay([letter('1'), letter('2')], history, { again: false });
    assert.deepEqual(
      plan.map(({ action, letter: { id } }) => [action, id]),
      [
        ['replay', '0:1'],
        ['already-replayed', '0:2'],
      ],
    );
    assert.deepEqual(plan[0]!.action === 'replay' && plan[0]!.origin, {
      topic: Topics.AgentStatus,
      partition: 2,
      offset: '40',
    });
  });

  it('replays again with --again', () => {
    const plan = planReplay([letter('2')], history, { again: true });
    assert.equal(plan[0]!.action, 'replay');
    assert.equal(plan[0]!.action === 'replay' && plan[0]!.replayedBefore, 1);
  });

  it('skips a letter whose value was omitted', () => {
    const omitted = letter('3', {
      value: null,
      headers: {
        ...originalHeaders,
        ...deadLetterHeaders,
        [DeadLetterHeaders.valueOmitted]: Buffer.from('5 MB'),
      },
    });
    assert.equal(planReplay([omitted], history, { again: true })[0]!.action, 'value-omitted');
  });

  it('skips a letter that does not say where it came from, or came from a dead-letter topic', () => {
    const withoutOffset = Object.fromEntries(
      Object.entries(deadLetterHeaders).filter(([name]) => name !== DeadLetterHeaders.offset),
    );
    const noOffset = letter('4', { headers: withoutOffset });
    const fromDlq = letter('5', {
      headers: { ...deadLetterHeaders, [DeadLetterHeaders.topic]: Buffer.from(Topics.DeadLetter) },
    });
    assert.deepEqual(
      planReplay([noOffset, fromDlq], history, { again: false }).map(({ action }) => action),
      ['no-origin', 'no-origin'],
    );
  });

  it('keeps a null value (a tombstone) as it was', () => {
    assert.equal(replayMessage(letter('6', { value: null })).value, null);
    assert.equal(
      planReplay([letter('6', { value: null })], history, { again: false })[0]!.action,
      'replay',
    );
  });
});
