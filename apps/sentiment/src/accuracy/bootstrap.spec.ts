import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootstrapInterval, pick } from './bootstrap.js';

const mean = (values: readonly number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;

describe('bootstrapInterval', () => {
  const values = Array.from({ length: 400 }, (_, i) => i % 10);

  it('brackets the statistic of the whole set, about two standard errors either side', () => {
    const { low, high } = bootstrapInterval(values.length, (sample) => mean(pick(values, sample)));
    // Mean 4.5, standard deviation 2.87, so a standard error of 0.144 for 400 items.
    assert.ok(low < 4.5 && high > 4.5, `${low} to ${high}`);
    assert.ok(Math.abs(high - low - 4 * 0.144) < 0.1, `width ${high - low}`);
  });

  it('draws the same resamples run after run, and others under another seed', () => {
    const statistic = (sample: readonly number[]) => mean(pick(values, sample));
    const once = bootstrapInterval(values.length, statistic);
    assert.deepEqual(bootstrapInterval(values.length, statistic), once);
    assert.notDeepEqual(bootstrapInterval(values.length, statistic, 1000, 7), once);
  });

  it('is a single point for a statistic that does not vary, and undefined when none is defined', () => {
    assert.deepEqual(
      bootstrapInterval(50, () => 0.25),
      { low: 0.25, high: 0.25 },
    );
    const undefinedInterval = bootstrapInterval(50, () => Number.NaN);
    assert.ok(Number.isNaN(undefinedInterval.low) && Number.isNaN(undefinedInterval.high));
  });
});

describe('pick', () => {
  it('reads the values at the sampled indexes, repeats included', () => {
    assert.deepEqual(pick(['a', 'b', 'c'], [2, 0, 2]), ['c', 'a', 'c']);
  });
});
