import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escalationFeatureNames } from '../features.js';
import { evaluate } from './evaluate.js';
import {
  customerTurns,
  generateConversations,
  type GeneratedConversation,
} from './generate-conversations.js';
import { renderReport } from './report.js';
import { trainEscalationModel } from './training-run.js';

// A model that fires from the second customer turn on, whatever is said.
const width = escalationFeatureNames.length;
const fromSecondTurn = {
  means: new Array<number>(width).fill(0),
  scales: new Array<number>(width).fill(1),
  weights: [10, ...new Array<number>(width - 1).fill(0)],
  bias: -15,
};
const turnsOf = (conversation: GeneratedConversation) => customerTurns(conversation.transcript);

describe('evaluate', () => {
  const conversations = generateConversations(120, 21);
  // Rules that escalate needs-human conversations on their third customer turn, and nothing else.
  const rulesOnThirdTurn = (conversation: GeneratedConversation) =>
    conversation.needsHuman && turnsOf(conversation) >= 3 ? 3 : undefined;

  it('counts turns earlier than the rules where both fire, and where only one does', () => {
    const { rules } = evaluate(conversations, fromSecondTurn, 0.5, rulesOnThirdTurn);
    const both = conversations.filter((c) => rulesOnThirdTurn(c) !== undefined);
    const modelOnly = conversations.filter((c) => turnsOf(c) >= 2 && !rulesOnThirdTurn(c));
    const neither = conversations.filter((c) => turnsOf(c) < 2);
    assert.ok(both.length > 0 && modelOnly.length > 0 && neither.length > 0);
    assert.deepEqual(rules!.bothFire, {
      conversations: both.length,
      mean: 1,
      median: 1,
      modelEarlier: both.length,
      sameTurn: 0,
      rulesEarlier: 0,
    });
    assert.equal(rules!.bothFireNeedingHuman.conversations, both.length);
    assert.equal(rules!.rulesPerConversation.precision, 1);
    assert.equal(rules!.rulesPerConversation.truePositives, both.length);
    assert.equal(rules!.eitherPerConversation.falsePositives, rules!.modelOnly.noHuman);
    assert.equal(rules!.modelOnly.needsHuman + rules!.modelOnly.noHuman, modelOnly.length);
    assert.equal(rules!.modelOnly.noHuman, modelOnly.filter((c) => !c.needsHuman).length);
    assert.deepEqual(rules!.rulesOnly, { needsHuman: 0, noHuman: 0 });
    assert.equal(rules!.neither.needsHuman + rules!.neither.noHuman, neither.length);
  });

  it('scores every customer turn against the labels', () => {
    const evaluation = evaluate(conversations, fromSecondTurn, 0.5);
    const turns = conversations.reduce((sum, c) => sum + turnsOf(c), 0);
    assert.equal(evaluation.turns.total, turns);
    const firedTurns = conversations.reduce((sum, c) => sum + turnsOf(c) - 1, 0);
    const { truePositives, falsePositives } = evaluation.perTurn;
    assert.equal(truePositives + falsePositives, firedTurns);
    assert.equal(evaluation.rules, undefined);
    const needing = conversations.filter((c) => c.needsHuman && turnsOf(c) >= 2);
    const { beforeNeed, atNeed, afterNeed } = evaluation.firstFire;
    assert.equal(beforeNeed + atNeed + afterNeed, needing.length);
    assert.equal(atNeed, needing.filter((c) => c.needsHumanFrom === 2).length);
  });
});

describe('renderReport', () => {
  it('gives the same text for the same run, saying when the rules were not compared', () => {
    const run = trainEscalationModel(60, 4, { l2: 0.01, learningRate: 0.5, iterations: 50 });
    const render = () =>
      renderReport({
        file: run.file,
        evaluation: evaluate(run.split.test, run.file, run.file.threshold),
        validationF1: run.validationF1,
        perCall: 'under 5 µs',
      });
    const report = render();
    assert.equal(render(), report);
    assert.match(report, /Not measured: no rule baseline was given\./);
    assert.match(report, new RegExp(`Threshold \\*\\*${run.file.threshold.toFixed(2)}\\*\\*`));
    for (const name of escalationFeatureNames) assert.match(report, new RegExp(`\\| ${name} \\|`));
  });
});
