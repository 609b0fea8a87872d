import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, caseRecords, message } from './context-records.fixtures.js';
import {
  sentimentTrajectory,
  smoothed,
  smoothingAlpha,
  trendOf,
  trendSlopeThreshold,
  trendWindow,
} from './sentiment-trajectory.js';

const score = (messageId: string, value: number, second: number) => ({
  _id: messageId,
  conversationId: 'c-1',
  tenantId: 'acme',
  messageId,
  score: value,
  label: 'neutral',
  scoredAt: at(second),
});

describe('sentimentTrajectory', () => {
  it('orders scores as their messages were said, then unknown messages by when they were scored', () => {
    const messages = [message('m-1', 'customer', 'a', 1), message('m-2', 'customer', 'b', 2)];
    const { trajectory } = sentimentTrajectory(
      messages,
      [score('later', 0.2, 9), score('m-2', -0.1, 3), score('early', 0.3, 5), score('m-1', 0.5, 8)],
      undefined,
    );
    assert.deepEqual(
      trajectory.map(({ messageId, at: when }) => [messageId, when]),
      [
        ['m-1', at(1).toISOString()],
        ['m-2', at(2).toISOString()],
        ['early', at(5).toISOString()],
        ['later', at(9).toISOString()],
      ],
    );
  });

  it("uses the escalation's score for its message when that one was never scored, and never twice", () => {
    const records = caseRecords();
    const escalation = records.escalations[0];
    const without = sentimentTrajectory(records.messages, [], escalation);
    assert.deepEqual(
      without.trajectory.map(({ score: value }) => value),
      [-0.6],
    );
    const scored = sentimentTrajectory(records.messages, [score('m-5', -0.9, 6)], escalation);
    assert.deepEqual(
      scored.trajectory.map(({ score: value }) => value),
      [-0.9],
    );
    assert.equal(scored.trend, undefined);
    assert.equal(scored.smoothed, -0.9);
  });
});

describe('smoothed', () => {
  it(`is an exponential moving average with alpha ${smoothingAlpha}`, () => {
    assert.equal(smoothed([0.4]), 0.4);
    assert.equal(smoothed([0, 1]), smoothingAlpha);
    assert.equal(smoothed([1, 0, 0]), 0.25);
  });
});

describe('trendOf', () => {
  it(`reads the slope of the last ${trendWindow} scores against ±${trendSlopeThreshold}`, () => {
    assert.equal(trendOf([]), undefined);
    assert.equal(trendOf([0.5]), undefined);
    assert.equal(trendOf([0.5, 0.2]), 'falling');
    assert.equal(trendOf([-0.5, 0, 0.4]), 'rising');
    assert.equal(trendOf([0.1, 0.12, 0.08, 0.1]), 'steady');
    // An early fall outside the window does not count.
    assert.equal(trendOf([0.9, -0.9, 0, 0.05, 0, 0.05]), 'steady');
  });
});
