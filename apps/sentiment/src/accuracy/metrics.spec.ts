import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Polarity } from './evaluation-set.js';
import { accuracy, macroF1, pearson, polarityOf } from './metrics.js';

describe('pearson', () => {
  it('is 1 for a rising line and -1 for a falling one, whatever the scale', () => {
    assert.equal(pearson([1, 2, 3, 4], [-4, -2, 0, 2]), 1);
    assert.equal(pearson([1, 2, 3, 4], [0.9, 0.5, 0.1, -0.3]), -1);
  });

  it('matches a value worked by hand', () => {
    // Deviations x: -1, 0, 1; y: -2, 1, 1. Covariance 3, sums of squares 2 and 6: r = 3 / √12.
    assert.ok(Math.abs(pearson([1, 2, 3], [1, 4, 4]) - 3 / Math.sqrt(12)) < 1e-12);
  });

  it('is undefined when one side does not vary or there are fewer than two pairs', () => {
    assert.ok(Number.isNaN(pearson([0, 0, 0], [1, 2, 3])));
    assert.ok(Number.isNaN(pearson([1], [2])));
  });

  it('refuses lists of different lengths', () => {
    assert.throws(() => pearson([1, 2], [1]), /2 values with 1/);
  });
});

describe('accuracy and macro-F1', () => {
  const gold: Polarity[] = ['positive', 'positive', 'negative', 'negative'];

  it('accuracy is the share of matching classes', () => {
    assert.equal(accuracy(gold, ['positive', 'neutral', 'negative', 'positive']), 0.5);
    assert.equal(accuracy(gold, gold), 1);
  });

  it('macro-F1 averages the classes of the human labels; neutral guesses only lose recall', () => {
    // positive: 1 right of 2 predicted, 2 actual → 2/4; negative: 1 right of 1 predicted, 2 actual → 2/3.
    const predicted: Polarity[] = ['positive', 'neutral', 'negative', 'positive'];
    assert.ok(Math.abs(macroF1(gold, predicted) - (0.5 + 2 / 3) / 2) < 1e-12);
    assert.equal(macroF1(gold, gold), 1);
    assert.equal(macroF1(gold, ['neutral', 'neutral', 'neutral', 'neutral']), 0);
  });

  it('counts a rare class as much as a common one', () => {
    const skewed: Polarity[] = ['positive', 'positive', 'positive', 'negative'];
    const allPositive: Polarity[] = ['positive', 'positive', 'positive', 'positive'];
    assert.equal(accuracy(skewed, allPositive), 0.75);
    assert.ok(Math.abs(macroF1(skewed, allPositive) - (6 / 7 + 0) / 2) < 1e-12);
  });

  it('is undefined on an empty set', () => {
    assert.ok(Number.isNaN(accuracy([], [])));
    assert.ok(Number.isNaN(macroF1([], [])));
  });
});

describe('polarityOf', () => {
  it('keeps the band around 0 neutral, edges included in the classes', () => {
    assert.equal(polarityOf(0.05, 0.05), 'positive');
    assert.equal(polarityOf(0.049, 0.05), 'neutral');
    assert.equal(polarityOf(-0.049, 0.05), 'neutral');
    assert.equal(polarityOf(-0.05, 0.05), 'negative');
  });
});
