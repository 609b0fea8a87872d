import { maxPacketMessages, type ContextPacket } from '@handoff/contracts';
import type { EscalationRecord, MessageRecord } from '../conversations/conversation.records.js';
import type { SentimentRecord } from '../conversations/context.records.js';

/** Weight of the newest score in the moving average: half the mood is the latest message. */
export const smoothingAlpha = 0.5;

/** The trend is read from the slope of this many latest scores. */
export const trendWindow = 4;

/** A slope (score change per message) past this either way is a trend; within it, steady. */
export const trendSlopeThreshold = 0.1;

type Sentiment = ContextPacket['sentiment'];
type Point = Sentiment['trajectory'][number];

/**
 * How the customer's mood moved: their messages' scores, oldest first, with a moving average
 * and a trend. Scores of messages not stored yet (the topics are read independently) still count,
 * after the known ones in the order they were scored. The escalation's own score stands in for its
 * message when that message was never scored separately.
 */
export function sentimentTrajectory(
  messages: readonly MessageRecord[],
  sentiments: readonly SentimentRecord[],
  escalation: EscalationRecord | undefined,
): Sentiment {
  const position = new Map(messages.map((message, index) => [message.messageId, index]));
  const sentAt = new Map(messages.map((message) => [message.messageId, message.sentAt]));
  const scored = new Map<string, { score: number; at: Date }>();
  for (const sentiment of sentiments)
    scored.set(sentiment.messageId, { score: sentiment.score, at: sentiment.scoredAt });
  if (escalation && !scored.has(escalation.messageId))
    scored.set(escalation.messageId, {
      score: escalation.sentiment.score,
      at: escalation.requestedAt,
    });

  const points = [...scored.entries()]
    .sort(
      ([a, left], [b, right]) =>
        (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity) ||
        left.at.getTime() - right.at.getTime(),
    )
    .map(([messageId, { score, at }]): Point => ({
      messageId,
      score,
      at: (sentAt.get(messageId) ?? at).toISOString(),
    }))
    .slice(-maxPacketMessages);
  const scores = points.map(({ score }) => score);
  const trend = trendOf(scores);
  return {
    trajectory: points,
    ...(scores.length > 0 ? { smoothed: smoothed(scores) } : {}),
    ...(trend ? { trend } : {}),
  };
}

/** Exponential moving average, oldest first. */
export function smoothed(scores: readonly number[]): number {
  const [first, ...rest] = scores;
  const average = rest.reduce(
    (ema, score) => smoothingAlpha * score + (1 - smoothingAlpha) * ema,
    first!,
  );
  return Math.round(average * 1000) / 1000;
}

/** Falling, steady or rising, from the least-squares slope of the latest scores; none from one score. */
export function trendOf(scores: readonly number[]): Sentiment['trend'] | undefined {
  const window = scores.slice(-trendWindow);
  if (window.length < 2) return undefined;
  const meanX = (window.length - 1) / 2;
  const meanY = window.reduce((sum, score) => sum + score, 0) / window.length;
  let covariance = 0;
  let variance = 0;
  window.forEach((score, x) => {
    covariance += (x - meanX) * (score - meanY);
    variance += (x - meanX) ** 2;
  });
  const slope = covariance / variance;
  if (slope > trendSlopeThreshold) return 'rising';
  if (slope < -trendSlopeThreshold) return 'falling';
  return 'steady';
}
