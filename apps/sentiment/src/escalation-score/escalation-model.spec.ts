import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { scoreMessage } from '../scoring/sentiment-scorer.js';
import {
  newSignals,
  observeBot,
  observeCustomer,
  type ConversationSignals,
} from '../signals/conversation-signals.js';
import { escalationModel, escalationScore } from './escalation-model.js';
import { escalationFeatureNames } from './features.js';
import { checkFeatureNames, checkModelFile, modelFileUrl } from './model-file.js';

const start = Date.UTC(2026, 0, 5, 9, 0, 0);

type Turn = [customer: string, bot: string, fallback: boolean];

function conversation(turns: Turn[], tier?: string): ConversationSignals {
  const signals = newSignals('c1', 't1', start);
  if (tier) signals.customerTier = tier;
  let at = start;
  for (const [text, answer, fallback] of turns) {
    const { sentiment, frustration } = scoreMessage(text, 'en');
    observeCustomer(signals, { text, sentiment, frustration, at: (at += 40_000) });
    observeBot(
      signals,
      fallback
        ? { text: answer, confidence: 0.2, at: (at += 2_000) }
        : { text: answer, intent: 'order_status', confidence: 0.9, at: (at += 2_000) },
      0.5,
    );
    if (fallback) signals.fallbacks += 1;
  }
  return signals;
}

const sorry = "Sorry, I didn't understand that.";

describe('the escalation model', () => {
  it('loads the committed weights with the features this build computes', () => {
    assert.deepEqual(escalationModel.featureNames, escalationFeatureNames);
    assert.match(escalationModel.version, /\S/);
    assert.ok(escalationModel.threshold > 0 && escalationModel.threshold < 1);
  });

  it('scores a furious conversation the bot keeps failing above a calm one it resolves', () => {
    const calm = conversation([
      ['Hi, where is my order?', 'Your order arrives within 2 days.', false],
      ['Thanks, that solved it!', 'Glad I could help!', false],
    ]);
    const failing = conversation([
      ['where is my order?', sorry, true],
      ['where is my order??', sorry, true],
      ['this is useless, you are wasting my time', sorry, true],
      ['THIS IS RIDICULOUS, NOTHING WORKS!!!', sorry, true],
    ]);
    const calmScore = escalationScore(calm);
    const failingScore = escalationScore(failing);
    assert.ok(calmScore >= 0 && failingScore <= 1);
    assert.ok(calmScore < escalationModel.threshold, `calm scores ${calmScore}`);
    assert.ok(failingScore >= escalationModel.threshold, `failing scores ${failingScore}`);
    assert.ok(failingScore > calmScore + 0.3);
  });

  it('scores a premium customer in the same trouble higher', () => {
    const turns: Turn[] = [
      ['my parcel has not arrived', 'Could you give me more details?', false],
      ['that is not what I asked', 'Your refund arrives in 5 days.', false],
    ];
    assert.ok(
      escalationScore(conversation(turns, 'platinum')) > escalationScore(conversation(turns)),
    );
  });

  it('takes the time to score at, defaulting to the last message', () => {
    const signals = conversation([['where is my order?', sorry, true]]);
    assert.equal(escalationScore(signals), escalationScore(signals, signals.lastMessageAt));
    assert.notEqual(escalationScore(signals), escalationScore(signals, start + 90 * 60_000));
  });
});

describe('the weights file', () => {
  const committed = JSON.parse(readFileSync(modelFileUrl, 'utf8')) as unknown;

  it('is valid and names exactly the features escalationFeatures computes', () => {
    const file = checkModelFile(committed, 'committed');
    assert.deepEqual(file.featureNames, [...escalationFeatureNames]);
    assert.doesNotThrow(() => checkFeatureNames(file, escalationFeatureNames));
  });

  it('is refused, with the reason, when its features differ from the build', () => {
    const file = checkModelFile(committed, 'committed');
    const renamed = [...escalationFeatureNames.slice(0, -1), 'somethingElse'];
    assert.throws(
      () => checkFeatureNames(file, renamed),
      /trained on the features \[.*premiumTier\] but this build computes \[.*somethingElse\]; retrain/,
    );
  });

  it('is refused when a value is missing or not a number', () => {
    const file = checkModelFile(committed, 'committed');
    assert.throws(
      () => checkModelFile({ ...file, weights: file.weights.slice(1) }, 'short.json'),
      /short\.json is not valid:\n {2}weights: has \d+ values for \d+ features/,
    );
    assert.throws(() => checkModelFile({ ...file, bias: 'x' }, 'bad.json'), /bias/);
    assert.throws(() => checkModelFile({ ...file, threshold: 1.5 }, 'bad.json'), /threshold/);
  });
});
