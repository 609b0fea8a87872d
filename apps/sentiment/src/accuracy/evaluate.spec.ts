import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateSet, markdownTable } from './evaluate.js';
import type { EvaluationSet, Polarity } from './evaluation-set.js';
import { polarityOf } from './metrics.js';
import type { Scorer } from './scorers.js';

// Fake scorers over a toy vocabulary, so every expected value can be worked by hand.
const words: Record<string, number> = { good: 0.6, bad: -0.6, fine: 0.02 };
const byWords: Scorer = {
  name: 'words',
  score: (text) => words[text] ?? 0,
  polarity: (score) => polarityOf(score, 0.05),
};
const alwaysPositive: Scorer = { name: 'positive', score: () => 1, polarity: () => 'positive' };

describe('evaluateSet', () => {
  it('measures a rated set by Pearson r, one value per scorer', () => {
    const set: EvaluationSet = {
      name: 'rated',
      language: 'en',
      kind: 'rated',
      items: [
        { text: 'good', language: 'en', human: 3 },
        { text: 'bad', language: 'en', human: -2 },
        { text: 'fine', language: 'en', human: 0.5 },
      ],
    };
    const [row, ...rest] = evaluateSet(set, [byWords, alwaysPositive]);
    assert.equal(rest.length, 0);
    assert.deepEqual(
      { ...row, values: undefined, difference: undefined },
      {
        set: 'rated',
        language: 'en',
        size: 3,
        metric: 'Pearson r',
        values: undefined,
        difference: undefined,
      },
    );
    assert.ok(row!.values[0]! > 0.99);
    assert.ok(Number.isNaN(row!.values[1]!), 'a constant score has no correlation');
    assert.ok(Number.isNaN(row!.difference!.value), 'no lead over an undefined value');
  });

  it('measures a labelled set by accuracy and macro-F1', () => {
    const set: EvaluationSet = {
      name: 'labelled',
      language: 'es',
      kind: 'labelled',
      items: [
        { text: 'good', language: 'es', label: 'positive' },
        { text: 'bad', language: 'es', label: 'negative' },
        { text: 'fine', language: 'es', label: 'positive' },
        { text: 'bad', language: 'es', label: 'negative' },
      ],
    };
    const rows = evaluateSet(set, [byWords, alwaysPositive]);
    assert.deepEqual(
      rows.map((row) => [row.metric, row.size]),
      [
        ['accuracy', 4],
        ['macro-F1', 4],
      ],
    );
    // "fine" falls in the neutral band: 3 of 4 right; positive F1 2/3, negative F1 1.
    assert.deepEqual(rows[0]!.values, [0.75, 0.5]);
    assert.ok(Math.abs(rows[1]!.values[0]! - (2 / 3 + 1) / 2) < 1e-12);
    assert.ok(Math.abs(rows[1]!.values[1]! - (2 / 3 + 0) / 2) < 1e-12);
    assert.equal(rows[0]!.difference!.value, 0.25);
  });

  it("gives the first scorer's lead over the second an interval that holds it", () => {
    const texts = ['good', 'bad', 'fine', 'other'];
    const items = Array.from({ length: 200 }, (_, i) => ({
      text: texts[i % 4]!,
      language: 'en',
      label: (i % 2 === 0 ? 'positive' : 'negative') as Polarity,
    }));
    const set: EvaluationSet = { name: 'labelled', language: 'en', kind: 'labelled', items };
    const [accuracyRow] = evaluateSet(set, [byWords, alwaysPositive]);
    // "good" and "bad" right, "fine" and "other" neutral: 1/2 against always-positive's 1/2.
    assert.deepEqual(accuracyRow!.values, [0.5, 0.5]);
    const { value, low, high } = accuracyRow!.difference!;
    assert.equal(value, 0);
    assert.ok(low < 0 && high > 0, `${low} to ${high}`);
    assert.equal(evaluateSet(set, [byWords])[0]!.difference, undefined, 'one scorer, no lead');
  });
});

describe('markdownTable', () => {
  it('prints a header, an aligned rule and three decimals, n/a for undefined values', () => {
    const table = markdownTable(
      [
        { set: 'toy', language: 'en', size: 3, metric: 'Pearson r', values: [0.98765, Number.NaN] },
        {
          set: 'toy',
          language: 'en',
          size: 3,
          metric: 'accuracy',
          values: [0.5, 0.75],
          difference: { value: -0.25, low: -0.5, high: 0 },
        },
      ],
      ['ours', 'theirs'],
    );
    assert.equal(
      table,
      [
        '| set | language | size | metric | ours | theirs | ours − theirs (95% interval) |',
        '| --- | --- | ---: | --- | ---: | ---: | ---: |',
        '| toy | en | 3 | Pearson r | 0.988 | n/a | n/a |',
        '| toy | en | 3 | accuracy | 0.500 | 0.750 | -0.250 (-0.500 to 0.000) |',
      ].join('\n'),
    );
  });
});
