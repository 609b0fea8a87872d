import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classificationMetrics, mean, median, rocAuc } from './metrics.js';

describe('classificationMetrics', () => {
  it('counts hits and misses into precision, recall and F1', () => {
    const metrics = classificationMetrics(
      [true, true, true, false, false, false],
      [true, true, false, true, false, false],
    );
    assert.deepEqual(metrics, {
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 2,
      precision: 2 / 3,
      recall: 2 / 3,
      f1: 2 / 3,
    });
  });

  it('is 0, not NaN, when nothing is predicted or nothing is positive', () => {
    const metrics = classificationMetrics([false, false], [false, false]);
    assert.equal(metrics.precision, 0);
    assert.equal(metrics.recall, 0);
    assert.equal(metrics.f1, 0);
  });
});

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 for ties', () => {
    assert.equal(rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]), 1);
    assert.equal(rocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]), 0);
    assert.equal(rocAuc([0.5, 0.5, 0.5, 0.5], [false, true, false, true]), 0.5);
    assert.equal(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 0.75);
  });
});

describe('mean and median', () => {
  it('summarise a list, 0 for an empty one', () => {
    assert.equal(mean([1, 2, 6]), 3);
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(mean([]), 0);
    assert.equal(median([]), 0);
  });
});
