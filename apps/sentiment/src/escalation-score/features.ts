import {
  trajectoryOf,
  troubleSinceHandback,
  type ConversationSignals,
} from '../signals/conversation-signals.js';
import { runAtEnd, similarity } from '../triggers/similarity.js';

/**
 * What the escalation model reads about a conversation, in this order. The weights file names the
 * features it was trained on, and the model refuses to load when they differ from these.
 */
export const escalationFeatureNames = [
  'turns',
  'smoothedSentiment',
  'sentimentChange3',
  'lastSentiment',
  'lowestSentiment',
  'frustration',
  'peakFrustration',
  'fallbacks',
  'lowConfidenceTurns',
  'repeatedTexts',
  'repeatedAnswers',
  'sameIntentRepeats',
  'minutesSinceStart',
  'premiumTier',
] as const;

export type EscalationFeatureName = (typeof escalationFeatureNames)[number];

/** Tiers whose customers are served first and handed over sooner. */
export const premiumTiers: ReadonlySet<string> = new Set(['vip', 'premium', 'gold', 'platinum']);

/** Two folded texts at least this alike (1 - edit distance / longer length) say the same thing. */
export const nearRepeatSimilarity = 0.8;
/** A bot answer counts as repeated only when it is almost word for word the same. */
const sameAnswerSimilarity = 0.9;
/** Shorter texts ("ok", "no") are contained in too much to count as repeated that way. */
const minContainedLength = 12;
/** How many earlier customer messages and bot answers the newest is compared with. */
const repeatLookback = 4;
// Caps keep one long conversation from dominating the standardised scale.
const maxTurns = 20;
const maxCount = 10;
const maxMinutes = 120;

/** Whether two texts are at least `atLeast` alike; the lengths alone rule most pairs out cheaply. */
function alike(a: string, b: string, atLeast: number): boolean {
  const longer = Math.max(a.length, b.length);
  // Edit distance is at least the difference in length, so a pair that far apart cannot qualify.
  if (longer > 0 && 1 - Math.abs(a.length - b.length) / longer < atLeast) return false;
  return similarity(a, b) >= atLeast;
}

/**
 * Whether a customer says the same thing again: alike by edit distance, or the earlier message
 * whole inside the newer one ("as I said, where is my order"), which edit distance undercounts.
 */
export function isNearRepeat(earlier: string, newest: string): boolean {
  if (alike(earlier, newest, nearRepeatSimilarity)) return true;
  const [shorter, longer] = earlier.length <= newest.length ? [earlier, newest] : [newest, earlier];
  return shorter.length >= minContainedLength && longer.includes(shorter);
}

/** How many of the `lookback` texts before the newest repeat it. */
function repeatsOfNewest(
  texts: readonly string[],
  repeats: (earlier: string, newest: string) => boolean,
): number {
  const newest = texts.at(-1);
  if (newest === undefined || newest === '') return 0;
  let count = 0;
  const from = Math.max(0, texts.length - 1 - repeatLookback);
  for (let i = texts.length - 2; i >= from; i--) if (repeats(texts[i]!, newest)) count++;
  return count;
}

function isSameAnswer(earlier: string, newest: string): boolean {
  return alike(earlier, newest, sameAnswerSimilarity);
}

/** How many intents right before the newest are the same intent, in a row. */
function sameIntentRun(intents: readonly string[]): number {
  return Math.max(0, runAtEnd(intents) - 1);
}

function lowest(values: readonly number[]): number {
  let low = 0;
  for (const value of values) if (value < low) low = value;
  return low;
}

/**
 * The model's inputs for a conversation as it stands at `now` (ms since the epoch), in the order
 * of `escalationFeatureNames`. Pure and allocation-light: it runs on every message.
 */
export function escalationFeatures(signals: ConversationSignals, now: number): Float64Array {
  const features = new Float64Array(escalationFeatureNames.length);
  const { smoothed, change } = trajectoryOf(signals, 3);
  const minutes = Math.max(0, now - signals.startedAt) / 60_000;
  features[0] = Math.min(signals.turns, maxTurns);
  features[1] = smoothed;
  features[2] = change;
  features[3] = signals.sentiments.at(-1) ?? 0;
  features[4] = lowest(signals.sentiments);
  features[5] = signals.frustration;
  features[6] = signals.peakFrustration;
  const trouble = troubleSinceHandback(signals);
  features[7] = Math.min(trouble.fallbacks, maxCount);
  features[8] = Math.min(trouble.lowConfidenceTurns, maxCount);
  features[9] = repeatsOfNewest(signals.recentTexts, isNearRepeat);
  features[10] = repeatsOfNewest(signals.recentAnswers, isSameAnswer);
  features[11] = sameIntentRun(signals.recentIntents);
  // Waiting matters most in the first minutes; the logarithm flattens long idle stretches.
  features[12] = Math.log1p(Math.min(minutes, maxMinutes));
  features[13] = premiumTiers.has(signals.customerTier?.toLowerCase() ?? '') ? 1 : 0;
  return features;
}
