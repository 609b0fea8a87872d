import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay } from './backoff.js';

const policy = { initialMs: 100, maxMs: 5_000 };
/** The middle of the jitter range: no jitter at all. */
const noJitter = () => 0.5;

describe('backoffDelay', () => {
  it('waits the initial delay after the first failure and doubles it on each consecutive one', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(policy, failures, noJitter));
    assert.deepEqual(delays, [100, 200, 400, 800, 1600, 3200]);
  });

  it('never waits longer than the cap, however many failures came before', () => {
    assert.equal(backoffDelay(policy, 7, noJitter), 5_000);
    assert.equal(backoffDelay(policy, 50, noJitter), 5_000);
    assert.equal(backoffDelay(policy, 10_000, noJitter), 5_000);
    assert.ok(
      Number.isFinite(
        backoffDelay({ initialMs: 100, maxMs: Number.MAX_SAFE_INTEGER }, 10_000, noJitter),
      ),
    );
  });

  it('treats a count below one as the first failure', () => {
    assert.equal(backoffDelay(policy, 0, noJitter), 100);
    assert.equal(backoffDelay(policy, -3, noJitter), 100);
  });

  it('spreads retries by at most 20% either way, around the capped delay too', () => {
    assert.equal(
      backoffDelay(policy, 3, () => 0),
      320,
    );
    assert.equal(
      backoffDelay(policy, 3, () => 0.999_999),
      480,
    );
    assert.equal(
      backoffDelay(policy, 20, () => 0),
      4_000,
    );
    assert.equal(
      backoffDelay(policy, 20, () => 0.999_999),
      6_000,
    );
  });

  it('stays within the jitter bounds for any random value, and uses the random value it is given', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) {
      const random = i / 1_000;
      const delay = backoffDelay(policy, 4, () => random);
      assert.ok(delay >= 640 && delay <= 960, `delay ${delay} for random ${random}`);
      seen.add(delay);
    }
    assert.ok(seen.size > 100, 'different random values give different delays');
  });

  it('waits nothing when the initial delay is zero', () => {
    assert.equal(
      backoffDelay({ initialMs: 0, maxMs: 1_000 }, 5, () => 0.9),
      0,
    );
  });
});
