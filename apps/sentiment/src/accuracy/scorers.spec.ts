import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afinnScorer, oursScorer, vaderScorer } from './scorers.js';

describe('scorers under evaluation', () => {
  const scorers = [oursScorer, vaderScorer(), afinnScorer()];

  it('score a plainly positive and a plainly negative sentence on the right side of 0', () => {
    for (const scorer of scorers) {
      assert.ok(scorer.score('This is great, thank you', 'en') > 0, scorer.name);
      assert.ok(scorer.score('This is terrible and useless', 'en') < 0, scorer.name);
    }
  });

  it('name the baselines with their installed versions', () => {
    assert.match(scorers[1]!.name, /^vader-sentiment \d+\.\d+\.\d+$/);
    assert.match(scorers[2]!.name, /^sentiment \d+\.\d+\.\d+ \(AFINN\)$/);
  });

  it('class VADER and ours with a ±0.05 neutral band, AFINN sums by their sign', () => {
    const [ours, vader, afinn] = scorers;
    for (const scorer of [ours!, vader!]) {
      assert.equal(scorer.polarity(0.05), 'positive');
      assert.equal(scorer.polarity(0.04), 'neutral');
      assert.equal(scorer.polarity(-0.05), 'negative');
    }
    assert.equal(afinn!.polarity(1), 'positive');
    assert.equal(afinn!.polarity(0), 'neutral');
    assert.equal(afinn!.polarity(-2), 'negative');
  });
});
