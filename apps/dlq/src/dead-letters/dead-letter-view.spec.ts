import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeadLetterHeaders, Topics } from '@handoff/contracts';
import { deadLetterView, headerText } from './dead-letter-view.js';
import type { RawRecord } from './raw-record.js';

const event = {
  specversion: '1.0',
  id: 'evt-1',
  type: 'handoff.agent.status.changed',
  source: '/x',
  data: { agentId: 'a1' },
};

function rawDeadLetter(overrides: Partial<RawRecord> = {}): RawRecord {
  return {
    topic: Topics.DeadLetter,
    partition: 3,
    offset: '9007199254740993',
    timestamp: String(Date.parse('2024-05-01T10:00:05.000Z')),
    key: Buffer.from('a1'),
    value: Buffer.from(JSON.stringify(event)),
    headers: {
      'content-type': Buffer.from('application/cloudevents+json'),
      [DeadLetterHeaders.topic]: Buffer.from(Topics.AgentStatus),
      [DeadLetterHeaders.partition]: Buffer.from('7'),
      [DeadLetterHeaders.offset]: Buffer.from('12345678901234567'),
      [DeadLetterHeaders.reason]: Buffer.from('after 3 attempts: event evt-1 cannot be stored'),
      [DeadLetterHeaders.stage]: Buffer.from('processing'),
      [DeadLetterHeaders.attempts]: Buffer.from('3'),
      [DeadLetterHeaders.consumerGroup]: Buffer.from('handoff-presence'),
      [DeadLetterHeaders.failedAt]: Buffer.from('2024-05-01T10:00:04.321Z'),
    },
    ...overrides,
  };
}

describe('deadLetterView', () => {
  it('names the dead letter by its partition and offset and reads where it came from and why', () => {
    const view = deadLetterView(rawDeadLetter());
    assert.equal(view.id, '3:9007199254740993');
    assert.equal(view.originalTopic, Topics.AgentStatus);
    assert.equal(view.originalPartition, 7);
    assert.equal(view.originalOffset, '12345678901234567');
    assert.equal(view.stage, 'processing');
    assert.equal(view.attempts, 3);
    assert.equal(view.consumerGroup, 'handoff-presence');
    assert.equal(view.reason, 'after 3 attempts: event evt-1 cannot be stored');
    assert.equal(view.failedAt, '2024-05-01T10:00:04.321Z');
    assert.equal(view.writtenAt, '2024-05-01T10:00:05.000Z');
    assert.equal(view.valueOmitted, null);
  });

  it('reads the event id and type from a JSON CloudEvent value', () => {
    const view = deadLetterView(rawDeadLetter());
    assert.equal(view.eventId, 'evt-1');
    assert.equal(view.eventType, 'handoff.agent.status.changed');
  });

  it('keeps a binary key and a value that is not JSON as they are, without an event', () => {
    const key = Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x61, 0x22, 0x7d]);
    const value = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x6e, 0x6f, 0x74]);
    const view = deadLetterView(rawDeadLetter({ key, value }));
    assert.deepEqual(view.record.key, key);
    assert.deepEqual(view.record.value, value);
    assert.equal(view.eventId, null);
    assert.equal(view.eventType, null);
  });

  it('does not take a JSON-looking header for anything but text', () => {
    const headers = {
      ...rawDeadLetter().headers,
      'x-json': Buffer.from('{"id":"not-the-event","type":"x"}'),
    };
    const view = deadLetterView(rawDeadLetter({ headers }));
    assert.equal(view.eventId, 'evt-1');
    assert.deepEqual(
      view.record.headers['x-json'],
      Buffer.from('{"id":"not-the-event","type":"x"}'),
    );
  });

  it('says when the value was omitted, and has no event then', () => {
    const omitted =
      '5000000 bytes, too large for handoff.dlq.v1; the original stays at its topic, partition and offset';
    const view = deadLetterView(
      rawDeadLetter({
        value: null,
        headers: {
          ...rawDeadLetter().headers,
          [DeadLetterHeaders.valueOmitted]: Buffer.from(omitted),
        },
      }),
    );
    assert.equal(view.valueOmitted, omitted);
    assert.equal(view.eventId, null);
    assert.equal(view.record.value, null);
  });

  it('leaves out what headers lack or garble, and falls back to the record time for failedAt', () => {
    const view = deadLetterView(
      rawDeadLetter({
        headers: {
          [DeadLetterHeaders.partition]: Buffer.from('seven'),
          [DeadLetterHeaders.failedAt]: Buffer.from('not a time'),
        },
      }),
    );
    assert.equal(view.originalTopic, null);
    assert.equal(view.originalPartition, null);
    assert.equal(view.originalOffset, null);
    assert.equal(view.attempts, null);
    assert.equal(view.reason, null);
    assert.equal(view.failedAt, '2024-05-01T10:00:05.000Z');
  });

  it('reads string and repeated header values, the last of a repeated one', () => {
    assert.equal(headerText({ a: 'text' }, 'a'), 'text');
    assert.equal(headerText({ a: [Buffer.from('first'), Buffer.from('second')] }, 'a'), 'second');
    assert.equal(headerText({}, 'a'), null);
  });
});
