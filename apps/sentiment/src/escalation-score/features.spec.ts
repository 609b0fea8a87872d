import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  foldText,
  newSignals,
  observeBot,
  observeCustomer,
  type ConversationSignals,
} from '../signals/conversation-signals.js';
import { handBack } from '../triggers/episodes.js';
import { escalationFeatureNames, escalationFeatures, isNearRepeat } from './features.js';

const start = Date.UTC(2026, 0, 5, 9, 0, 0);
const minute = 60_000;

function featuresOf(signals: ConversationSignals, now: number): Record<string, number> {
  const values = escalationFeatures(signals, now);
  return Object.fromEntries(escalationFeatureNames.map((name, i) => [name, values[i]!]));
}

function customer(signals: ConversationSignals, text: string, sentiment: number, frustration = 0) {
  observeCustomer(signals, { text, sentiment, frustration, at: signals.lastMessageAt + minute });
}

function bot(signals: ConversationSignals, text: string, intent?: string, confidence = 0.9) {
  observeBot(signals, { text, intent, confidence, at: signals.lastMessageAt + 1000 }, 0.5);
}

describe('escalation features', () => {
  it('are all zero for a conversation that has just started, apart from its tier', () => {
    const signals = newSignals('c1', 't1', start);
    const features = featuresOf(signals, start);
    for (const name of escalationFeatureNames) assert.equal(features[name], 0, name);
    signals.customerTier = 'Gold';
    assert.equal(featuresOf(signals, start).premiumTier, 1, 'tiers are compared without case');
  });

  it('read the sentiment trajectory, frustration and bot trouble from the signals', () => {
    const signals = newSignals('c1', 't1', start);
    customer(signals, 'where is my order', 0);
    bot(signals, 'Your order is on its way', 'order_status');
    customer(signals, 'that is not what I asked', -0.4, 0.3);
    bot(signals, "Sorry, I didn't understand", undefined, 0.2);
    signals.fallbacks = 1;
    customer(signals, 'this is useless!!', -0.8, 0.7);
    customer(signals, 'hello?', 0, 0.1);
    const features = featuresOf(signals, start + 10 * minute);

    assert.equal(features.turns, 4);
    assert.equal(features.lastSentiment, 0);
    assert.equal(features.lowestSentiment, -0.8);
    // Smoothed: 0, -0.2, -0.5, -0.25; the change over three turns is -0.25 - 0.
    assert.equal(features.smoothedSentiment, -0.25);
    assert.equal(features.sentimentChange3, -0.25);
    assert.equal(features.frustration, 0.1);
    assert.equal(features.peakFrustration, 0.7);
    assert.equal(features.fallbacks, 1);
    assert.equal(features.lowConfidenceTurns, 1);
    assert.equal(features.premiumTier, 0);
    assert.ok(Math.abs(features.minutesSinceStart! - Math.log1p(10)) < 1e-12);
  });

  it('count the earlier customer messages that nearly repeat the newest, within the last four', () => {
    const signals = newSignals('c1', 't1', start);
    customer(signals, 'I cannot log in to my account', 0);
    customer(signals, 'what are your opening hours', 0);
    customer(signals, 'I cannot log in to my account!', 0);
    assert.equal(featuresOf(signals, start).repeatedTexts, 1, 'punctuation is folded away');
    customer(signals, 'As I said, I cannot log in to my account', 0);
    assert.equal(
      featuresOf(signals, start).repeatedTexts,
      2,
      'the question whole inside a longer one',
    );
    for (let i = 0; i < 4; i++) customer(signals, `something else entirely ${i}`, 0);
    customer(signals, 'I cannot log in to my account', 0);
    assert.equal(featuresOf(signals, start).repeatedTexts, 0, 'older messages are not compared');
  });

  it('count repeated bot answers and the run of one intent', () => {
    const signals = newSignals('c1', 't1', start);
    bot(signals, 'You can reset your password with the link.', 'account_access');
    bot(signals, 'Could you give me more details?', 'account_access');
    bot(signals, 'You can reset your password with the link.', 'account_access');
    bot(signals, 'You can reset your password with the link!', 'account_access');
    customer(signals, 'still locked out', -0.1);
    const features = featuresOf(signals, start);
    assert.equal(features.repeatedAnswers, 2);
    assert.equal(features.sameIntentRepeats, 3);
    bot(signals, 'Your order is on its way', 'order_status');
    assert.equal(featuresOf(signals, start).sameIntentRepeats, 0);
    assert.equal(featuresOf(signals, start).repeatedAnswers, 0);
  });

  it('count only the bot trouble since the conversation last came back from an agent', () => {
    const signals = newSignals('c1', 't1', start);
    bot(signals, "Sorry, I didn't understand", undefined, 0.2);
    signals.fallbacks = 3;
    handBack(signals, start + minute);
    assert.deepEqual(
      [featuresOf(signals, start).fallbacks, featuresOf(signals, start).lowConfidenceTurns],
      [0, 0],
    );
    bot(signals, 'Sorry, could you rephrase?', undefined, 0.2);
    signals.fallbacks = 4;
    assert.deepEqual(
      [featuresOf(signals, start).fallbacks, featuresOf(signals, start).lowConfidenceTurns],
      [1, 1],
    );
  });

  it('cap counts and time so one long conversation does not dominate', () => {
    const signals = newSignals('c1', 't1', start);
    signals.turns = 50;
    signals.fallbacks = 40;
    signals.lowConfidenceTurns = 12;
    const features = featuresOf(signals, start + 24 * 60 * minute);
    assert.equal(features.turns, 20);
    assert.equal(features.fallbacks, 10);
    assert.equal(features.lowConfidenceTurns, 10);
    assert.equal(features.minutesSinceStart, Math.log1p(120));
    assert.equal(
      featuresOf(signals, start - minute).minutesSinceStart,
      0,
      'a clock behind the start',
    );
  });
});

describe('isNearRepeat', () => {
  it('takes small edits or the earlier message whole inside the newer, not short words', () => {
    assert.ok(isNearRepeat('where is my order', 'where is my orderr'));
    assert.ok(isNearRepeat('where is my order', 'again where is my order'));
    assert.ok(!isNearRepeat('where is my order', 'where is my refund for the return'));
    assert.ok(!isNearRepeat('ok', 'ok but that is not what i asked'));
    assert.ok(isNearRepeat(foldText('Où est MA commande ?'), foldText('ou est ma commande')));
  });
});
