import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateConversations } from './generate-conversations.js';
import { classificationMetrics, rocAuc } from './metrics.js';
import { turnExamples } from './replay.js';
import {
  fitLogistic,
  pickThreshold,
  scoreRows,
  splitConversations,
  standardisation,
} from './train.js';
import { trainEscalationModel } from './training-run.js';

const quick = { l2: 0.01, learningRate: 0.5, iterations: 300 };

describe('fitLogistic', () => {
  it('learns a separable rule and keeps the weights small under L2', () => {
    const rows = [[0], [1], [2], [3], [4], [5]];
    const labels = [false, false, false, true, true, true];
    const loose = fitLogistic(rows, labels, { ...quick, l2: 0 });
    const tight = fitLogistic(rows, labels, { ...quick, l2: 0.5 });
    const scores = scoreRows(loose, rows);
    assert.ok(scores[2]! < 0.5 && scores[3]! > 0.5, scores.join(', '));
    assert.ok(Math.abs(tight.weights[0]!) < Math.abs(loose.weights[0]!));
  });

  it('on generated conversations is deterministic and beats a constant predictor', () => {
    const { train, test } = splitConversations(generateConversations(300, 11), 11);
    const training = train.flatMap(turnExamples);
    const testing = test.flatMap(turnExamples);
    const fit = () =>
      fitLogistic(
        training.map((example) => example.features),
        training.map((example) => example.positive),
        quick,
      );
    const parameters = fit();
    assert.deepEqual(fit(), parameters);

    const labels = testing.map((example) => example.positive);
    const scores = scoreRows(
      parameters,
      testing.map((example) => example.features),
    );
    const { threshold } = pickThreshold(scores, labels);
    const model = classificationMetrics(
      scores.map((score) => score >= threshold),
      labels,
    );
    const always = classificationMetrics(
      labels.map(() => true),
      labels,
    );
    assert.ok(model.f1 > always.f1 + 0.15, `F1 ${model.f1} against ${always.f1}`);
    assert.ok(rocAuc(scores, labels) > 0.75);
  });
});

describe('standardisation', () => {
  it('centres and scales each column, leaving a constant column at scale 1', () => {
    const { means, scales } = standardisation([
      [1, 5],
      [3, 5],
    ]);
    assert.deepEqual(means, [2, 5]);
    assert.deepEqual(scales, [1, 1]);
    assert.deepEqual(standardisation([[0], [4]]).scales, [2]);
  });
});

describe('pickThreshold', () => {
  it('takes the threshold with the best F1, the higher one on a tie', () => {
    const scores = [0.1, 0.3, 0.6, 0.8];
    const labels = [false, false, true, true];
    // Every threshold from 0.31 to 0.60 separates perfectly; the highest of them wins.
    assert.deepEqual(pickThreshold(scores, labels), { threshold: 0.6, f1: 1 });
  });
});

describe('splitConversations', () => {
  it('puts each conversation in exactly one part, the same way for the same seed', () => {
    const conversations = generateConversations(50, 3);
    const split = splitConversations(conversations, 3);
    const ids = (part: typeof conversations) => part.map((conversation) => conversation.id);
    assert.equal(split.validation.length, 10);
    assert.equal(split.test.length, 10);
    assert.deepEqual(
      [...ids(split.train), ...ids(split.validation), ...ids(split.test)].sort(),
      ids(conversations).sort(),
    );
    assert.deepEqual(splitConversations(conversations, 3), split);
    assert.notDeepEqual(ids(splitConversations(conversations, 4).test), ids(split.test));
  });
});

describe('trainEscalationModel', () => {
  it('writes a file that describes its weights, threshold and data', () => {
    const run = trainEscalationModel(100, 5, quick);
    const { file } = run;
    assert.equal(file.weights.length, file.featureNames.length);
    assert.ok(file.threshold >= 0.05 && file.threshold <= 0.95);
    assert.equal(file.trainedOn.seed, 5);
    assert.deepEqual(file.trainedOn.conversations, { train: 60, validation: 20, test: 20 });
    assert.equal(file.trainedOn.turns.train, run.split.train.flatMap(turnExamples).length);
    assert.deepEqual(trainEscalationModel(100, 5, quick).file, file);
  });
});
