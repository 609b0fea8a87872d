import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StreamBuffer } from './stream-buffer.js';

const entry = (n: number) => ({
  type: 't',
  audience: { tenantId: 'a', agentIds: [] },
  json: `${n}`,
});

describe('StreamBuffer', () => {
  it('gives what came after the last seen id', () => {
    const buffer = new StreamBuffer(5, 'i1');
    const ids = [1, 2, 3].map((n) => buffer.append(entry(n)).id);
    assert.deepEqual(ids, ['i1-1', 'i1-2', 'i1-3']);
    const resume = buffer.since('i1-1');
    assert.equal(resume.kind, 'missed');
    assert.deepEqual(resume.kind === 'missed' && resume.entries.map((e) => e.json), ['2', '3']);
    assert.deepEqual(buffer.since('i1-3'), { kind: 'missed', entries: [] });
  });

  it('says reset for an id older than the ring, from another instance, from the future or malformed', () => {
    const buffer = new StreamBuffer(3, 'i1');
    for (let n = 1; n <= 6; n++) buffer.append(entry(n));
    // The ring holds 4, 5, 6: resuming after 3 still works, after 2 does not.
    const afterThree = buffer.since('i1-3');
    assert.deepEqual(afterThree.kind === 'missed' && afterThree.entries.map((e) => e.json), [
      '4',
      '5',
      '6',
    ]);
    assert.deepEqual(buffer.since('i1-2'), { kind: 'reset' });
    assert.deepEqual(buffer.since('i2-5'), { kind: 'reset' });
    assert.deepEqual(buffer.since('i1-7'), { kind: 'reset' });
    assert.deepEqual(buffer.since('i1-x'), { kind: 'reset' });
  });
});
