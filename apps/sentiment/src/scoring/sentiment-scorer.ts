import { intensifiers, negations, polarity } from './lexicon.js';

export interface SentimentResult {
  score: number;
  label: 'negative' | 'neutral' | 'positive';
}

const negationReach = 3;
const neutralBand = 0.15;
// Squashes the raw sum into -1..1; larger means more words are needed for a strong score.
const squashSoftness = 12;

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9']+/)
    .filter(Boolean);
}

/** Lexicon scoring with negation and intensity; shouting and exclamations add weight. */
export function scoreSentiment(text: string): SentimentResult {
  const tokens = tokenize(text);
  let sum = 0;
  let negateFor = 0;
  let boost = 1;
  for (const token of tokens) {
    if (negations.has(token)) {
      negateFor = negationReach;
      continue;
    }
    const intensity = intensifiers[token];
    if (intensity !== undefined) {
      boost = intensity;
      continue;
    }
    const value = polarity[token];
    if (value !== undefined) {
      // "not good" turns negative; "never got my refund" is not praise, so a negated complaint counts as neutral.
      const negated = negateFor > 0;
      sum += negated ? (value > 0 ? -0.75 * value * boost : 0) : value * boost;
    }
    boost = 1;
    if (negateFor > 0) negateFor--;
  }
  sum *= emphasis(text);
  const score = round(sum / Math.sqrt(sum * sum + squashSoftness));
  return { score, label: score <= -neutralBand ? 'negative' : score >= neutralBand ? 'positive' : 'neutral' };
}

function emphasis(text: string): number {
  const exclamations = Math.min((text.match(/!/g) ?? []).length, 3);
  const letters = text.replace(/[^A-Za-z]/g, '');
  const shouting = letters.length >= 8 && letters === letters.toUpperCase();
  return 1 + exclamations * 0.1 + (shouting ? 0.3 : 0);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
