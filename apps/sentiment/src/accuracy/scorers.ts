import { createRequire } from 'node:module';
import { labelOf, scoreMessage } from '../scoring/sentiment-scorer.js';
import type { Polarity } from './evaluation-set.js';
import { polarityOf } from './metrics.js';

/** A sentiment scorer under evaluation: a continuous score, and how that score maps to a class. */
export interface Scorer {
  name: string;
  score(text: string, language: string): number;
  polarity(score: number): Polarity;
}

interface VaderPackage {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}
interface AfinnAnalyzer {
  analyze(text: string): { score: number; comparative: number };
}

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  return (require(`${pkg}/package.json`) as { version: string }).version;
}

/** Ours: the published score (-1..1) with the published label (neutral within ±0.05). */
export const oursScorer: Scorer = {
  name: 'ours',
  score: (text, language) => scoreMessage(text, language).sentiment,
  polarity: labelOf,
};

/** vader-sentiment: the compound score (-1..1), classed with VADER's documented ±0.05 band. */
export function vaderScorer(): Scorer {
  const vader = require('vader-sentiment') as VaderPackage;
  return {
    name: `vader-sentiment ${versionOf('vader-sentiment')}`,
    score: (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound,
    polarity: (score) => polarityOf(score, 0.05),
  };
}

/**
 * sentiment (AFINN): the sum of the AFINN valences of the words found. Valences are whole numbers,
 * so any non-zero sum is an opinion: its sign is the class. Its `comparative` (the sum per word)
 * has the same sign and correlates less well with the human ratings used here.
 */
export function afinnScorer(): Scorer {
  const Sentiment = require('sentiment') as new () => AfinnAnalyzer;
  const analyzer = new Sentiment();
  return {
    name: `sentiment ${versionOf('sentiment')} (AFINN)`,
    score: (text) => analyzer.analyze(text).score,
    polarity: (score) => (score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral'),
  };
}
