import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeadLetterHeaders, Topics } from '@handoff/contracts';
import { deadLetterView } from '../dead-letters/dead-letter-view.js';
import type { RawRecord } from '../dead-letters/raw-record.js';
import { replayHistory } from '../replay/replay-history.js';
import { deadLetterSummaryJson, listTable } from './list-output.js';
import { showJson, showText } from './show-output.js';

const reason =
  'processing failed after 3 attempts: event evt-1 cannot be stored because\nthe store said no';

function raw(overrides: Partial<RawRecord> = {}): RawRecord {
  return {
    topic: Topics.DeadLetter,
    partition: 1,
    offset: '7',
    timestamp: String(Date.parse('2024-05-01T10:00:05.000Z')),
    key: Buffer.from('agent-1'),
    value: Buffer.from('{"id":"evt-1","type":"handoff.agent.status.changed"}'),
    headers: {
      'x-binary': Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]),
      'x-repeated': [Buffer.from('first'), Buffer.from('second')],
      [DeadLetterHeaders.topic]: Buffer.from(Topics.AgentStatus),
      [DeadLetterHeaders.partition]: Buffer.from('2'),
      [DeadLetterHeaders.offset]: Buffer.from('40'),
      [DeadLetterHeaders.reason]: Buffer.from(reason),
      [DeadLetterHeaders.stage]: Buffer.from('processing'),
      [DeadLetterHeaders.attempts]: Buffer.from('3'),
      [DeadLetterHeaders.failedAt]: Buffer.from('2024-05-01T10:00:04.321Z'),
    },
    ...overrides,
  };
}

const replayOf = (deadLetterId: string): RawRecord => ({
  ...raw(),
  topic: Topics.DeadLetterReplays,
  value: Buffer.from(
    JSON.stringify({
      deadLetterId,
      originalTopic: Topics.AgentStatus,
      originalPartition: 2,
      originalOffset: '40',
      replayedTo: { topic: Topics.AgentStatus, partition: 2, offset: '99' },
      replayedAt: '2024-05-02T08:00:00.000Z',
      replayedBy: 'ana@ops-1',
      reason,
    }),
  ),
});

describe('list output', () => {
  const history = replayHistory([replayOf('1:7')]);

  it('is a table with the reason on one line, cut to the width left', () => {
    const [header, row, ...rest] = listTable([deadLetterView(raw())], history, 160);
    assert.deepEqual(rest, []);
    assert.match(
      header!,
      /^ID {3}FAILED AT {13}ORIGINAL {22}STAGE {7}ATTEMPTS {2}EVENT TYPE {20}EVENT ID {2}REPLAYED {2}REASON$/,
    );
    assert.match(
      row!,
      /^1:7 {2}2024-05-01T10:00:04Z {2}handoff\.agent\.status\.v1:2@40 {2}processing {2}3 {9}handoff\.agent\.status\.changed {2}evt-1 {5}yes {7}processing failed .*…$/,
    );
    assert.equal(header!.indexOf('REASON'), row!.indexOf('processing failed'));
    assert.equal(row!.length, 160);
    assert.ok(!row!.includes('\n'));
  });

  it('does not cut the reason below its minimum width', () => {
    const [, row] = listTable([deadLetterView(raw())], history, 40);
    assert.match(row!, / {2}processing failed after…$/);
    assert.equal(row!.length - row!.indexOf('processing failed'), 24);
  });

  it('gives JSON without the value, the key as text or hex, and the replays', () => {
    const json = deadLetterSummaryJson(
      deadLetterView(raw({ key: Buffer.from([0x00, 0xff]) })),
      history,
    );
    assert.equal(json.id, '1:7');
    assert.deepEqual(json.key, { encoding: 'hex', text: '00ff' });
    assert.equal(json.valueBytes, 52);
    assert.equal(json.replays.length, 1);
    assert.equal('value' in json, false);
  });
});

describe('show output', () => {
  it('prints every header (binary ones as hex), the key, the value and the replays', () => {
    const text = showText(deadLetterView(raw()), replayHistory([replayOf('1:7')])).join('\n');
    assert.match(
      text,
      /^Dead letter 1:7 \(handoff\.dlq\.v1 partition 1, offset 7, written 2024-05-01T10:00:05Z\)\n/,
    );
    assert.match(
      text,
      /\n {2}x-binary: hex:dead00beef\n {2}x-repeated: first\n {2}x-repeated: second\n/,
    );
    assert.match(
      text,
      /\n {2}handoff-dlq-reason: hex:/,
      'a header with a line break is shown as hex',
    );
    assert.match(text, /\nKey \(utf8, 7 bytes\)\n {2}agent-1\n/);
    assert.match(text, /\nValue \(json, 52 bytes\)\n {2}\{\n {4}"id": "evt-1",\n/);
    assert.match(
      text,
      /\nReplays \(1\)\n {2}2024-05-02T08:00:00\.000Z by ana@ops-1 to handoff\.agent\.status\.v1:2@99$/,
    );
  });

  it('prints a binary key as a hex dump, and says when the value was omitted', () => {
    const omitted = raw({
      key: Buffer.from([0x00, 0xff, 0x7b]),
      value: null,
      headers: {
        ...raw().headers,
        [DeadLetterHeaders.valueOmitted]: Buffer.from('5000000 bytes, too large'),
      },
    });
    const text = showText(deadLetterView(omitted), replayHistory([])).join('\n');
    assert.match(text, /\n {2}value omitted {3}5000000 bytes, too large\n/);
    assert.match(text, /\nKey \(hex, 3 bytes\)\n {2}00000000 {2}00 ff 7b\n/);
    assert.match(text, /\nValue: omitted\n/);
    assert.match(text, /\nReplays: none$/);
  });

  it('gives JSON with every header and the parsed value', () => {
    const json = showJson(deadLetterView(raw()), replayHistory([]));
    assert.deepEqual(json.value, {
      encoding: 'json',
      json: { id: 'evt-1', type: 'handoff.agent.status.changed' },
    });
    assert.deepEqual(
      json.headers.filter(({ name }) => name.startsWith('x-')),
      [
        { name: 'x-binary', encoding: 'hex', text: 'dead00beef' },
        { name: 'x-repeated', encoding: 'utf8', text: 'first' },
        { name: 'x-repeated', encoding: 'utf8', text: 'second' },
      ],
    );
  });
});
