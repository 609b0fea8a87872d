import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StreamBuffer, type Resume } from './stream-buffer.js';

/** Event n happened at second n. */
const entry = (n: number) => ({
  type: 't',
  audience: { tenantId: 'a', agentIds: [] },
  json: `${n}`,
  time: n * 1000,
});

const shown = (resume: Resume) =>
  resume.kind === 'missed' ? resume.entries.map((e) => e.json) : resume.kind;

describe('StreamBuffer', () => {
  it('gives what came after the last seen id of this instance', () => {
    const buffer = new StreamBuffer(5, 'a1', 2000);
    const ids = [1, 2, 3].map((n) => buffer.append(entry(n)).id);
    assert.deepEqual(ids, ['a1-1-1000', 'a1-2-2000', 'a1-3-3000']);
    assert.deepEqual(shown(buffer.since('a1-1-1000')), ['2', '3']);
    assert.deepEqual(buffer.since('a1-3-3000'), { kind: 'missed', entries: [] });
  });

  it('says reset for an id of this instance older than the ring, from the future, or malformed', () => {
    const buffer = new StreamBuffer(3, 'a1', 2000);
    for (let n = 1; n <= 6; n++) buffer.append(entry(n));
    // The ring holds 4, 5, 6: resuming after 3 still works, after 2 does not.
    assert.deepEqual(shown(buffer.since('a1-3-3000')), ['4', '5', '6']);
    assert.equal(buffer.since('a1-2-2000').kind, 'reset');
    assert.equal(buffer.since('a1-7-7000').kind, 'reset');
    assert.equal(buffer.since('a1-x-1000').kind, 'reset');
    assert.equal(buffer.since('a1-3').kind, 'reset');
  });

  it("resumes another instance's id from the overlap before its event's time", () => {
    const buffer = new StreamBuffer(10, 'b2', 2000);
    buffer.startedConsuming(0);
    for (let n = 1; n <= 6; n++) buffer.append(entry(n));
    // The desk last saw an event of second 5 elsewhere: everything from second 3 on comes again.
    assert.deepEqual(shown(buffer.since('a1-40-5000')), ['3', '4', '5', '6']);
  });

  it("says reset for another instance's id when the ring or its start does not reach back far enough", () => {
    const buffer = new StreamBuffer(3, 'b2', 2000);
    buffer.startedConsuming(0);
    for (let n = 1; n <= 6; n++) buffer.append(entry(n));
    // Events up to second 3 have left the ring.
    assert.equal(buffer.since('a1-40-5000').kind, 'reset');
    assert.deepEqual(shown(buffer.since('a1-40-6000')), ['4', '5', '6']);

    const late = new StreamBuffer(10, 'c3', 2000);
    assert.equal(late.since('a1-40-5000').kind, 'reset', 'not consuming yet');
    late.startedConsuming(4000);
    late.append(entry(5));
    assert.equal(late.since('a1-40-5000').kind, 'reset', 'started after second 3');
    assert.deepEqual(shown(late.since('a1-40-6000')), ['5']);
  });
});
