import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deadLetterReplayRecordSchema, Topics } from '@handoff/contracts';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { RawRecord } from '../dead-letters/raw-record.js';
import { parseReplayRecord, replayHistory, replayRecord, replaysOf } from './replay-history.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const record = replayRecord(
  { id: '3:17', reason: 'after 3 attempts: boom' },
  { topic: Topics.AgentStatus, partition: 2, offset: '40' },
  { topic: Topics.AgentStatus, partition: 2, offset: '99' },
  'ana@ops-1',
  new Date('2024-05-02T08:00:00Z'),
);

const onTopic = (value: unknown, offset = '0'): RawRecord => ({
  topic: Topics.DeadLetterReplays,
  partition: 0,
  offset,
  timestamp: '0',
  key: Buffer.from('3:17'),
  value:
    value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  headers: {},
});

describe('replay records', () => {
  it('match the published schema of handoff.dlq.replays.v1', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(deadLetterReplayRecordSchema);
    assert.equal(
      validate(JSON.parse(JSON.stringify(record))),
      true,
      JSON.stringify(validate.errors),
    );
    assert.deepEqual(record, {
      deadLetterId: '3:17',
      originalTopic: Topics.AgentStatus,
      originalPartition: 2,
      originalOffset: '40',
      replayedTo: { topic: Topics.AgentStatus, partition: 2, offset: '99' },
      replayedAt: '2024-05-02T08:00:00.000Z',
      replayedBy: 'ana@ops-1',
      reason: 'after 3 attempts: boom',
    });
  });

  it('are read back by dead-letter id, oldest first, ignoring what is not a replay record', () => {
    const later = { ...record, replayedAt: '2024-05-03T08:00:00.000Z' };
    const history = replayHistory([
      onTopic(record, '0'),
      onTopic('not json', '1'),
      onTopic({ deadLetterId: '3:17' }, '2'),
      onTopic(null, '3'),
      onTopic(later, '4'),
    ]);
    assert.deepEqual(replaysOf(history, '3:17'), [record, later]);
    assert.deepEqual(replaysOf(history, '0:1'), []);
    assert.equal(history.unreadable, 3);
  });

  it('parse only values with the fields a replay relies on', () => {
    assert.deepEqual(parseReplayRecord(Buffer.from(JSON.stringify(record))), record);
    assert.equal(
      parseReplayRecord(Buffer.from(JSON.stringify({ ...record, replayedTo: { topic: 'x' } }))),
      null,
    );
    assert.equal(parseReplayRecord(Buffer.from('[]')), null);
  });
});
