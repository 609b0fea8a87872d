import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queueNotice, waitMinutes } from './queue-notices.js';

const minute = 60_000;

describe('queueNotice', () => {
  it('tells the first queued decision, with or without a place', () => {
    assert.deepEqual(queueNotice(undefined, { at: 5 }, minute), {
      template: 'handoff.queued',
      told: { position: undefined, waitMinutes: undefined, toldAt: 5 },
    });
    assert.equal(queueNotice(undefined, { position: 3, at: 5 }, minute).template, 'handoff.queued');
  });

  it('tells a new place or wait once the interval has passed since the last notice', () => {
    const told = { position: 4, waitMinutes: 6, toldAt: 0 };
    assert.deepEqual(queueNotice(told, { position: 3, waitMinutes: 6, at: minute }, minute), {
      template: 'handoff.position_update',
      told: { position: 3, waitMinutes: 6, toldAt: minute },
    });
    assert.equal(
      queueNotice(told, { position: 4, waitMinutes: 5, at: 2 * minute }, minute).template,
      'handoff.position_update',
    );
  });

  it('holds back a change within the interval, still comparing with what was told', () => {
    const told = { position: 4, toldAt: 0 };
    const held = queueNotice(told, { position: 3, at: minute - 1 }, minute);
    assert.deepEqual(held, { told });
    assert.equal(
      queueNotice(held.told, { position: 3, at: minute }, minute).template,
      'handoff.position_update',
    );
  });

  it('tells nothing new when the place and wait are the same or unknown', () => {
    const told = { position: 2, waitMinutes: 3, toldAt: 0 };
    assert.deepEqual(queueNotice(told, { position: 2, waitMinutes: 3, at: 9 * minute }, minute), {
      told,
    });
    assert.deepEqual(queueNotice(told, { at: 9 * minute }, minute), { told });
  });

  it('tells the first place after a transfer at once', () => {
    assert.equal(
      queueNotice({}, { position: 7, at: 1 }, minute).template,
      'handoff.position_update',
    );
  });

  it('with no interval, tells every change', () => {
    assert.equal(
      queueNotice({ position: 2, toldAt: 5 }, { position: 1, at: 5 }, 0).template,
      'handoff.position_update',
    );
  });
});

describe('waitMinutes', () => {
  it('rounds up to whole minutes, at least one', () => {
    assert.deepEqual([0, 1, 60, 61, 130].map(waitMinutes), [1, 1, 1, 2, 3]);
    assert.equal(waitMinutes(undefined), undefined);
  });
});
