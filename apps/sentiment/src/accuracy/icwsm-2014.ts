import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvaluationSet, RatedItem } from './evaluation-set.js';

/**
 * The human-rated sets of VADER's paper (Hutto & Gilbert, ICWSM 2014): sentence-level texts, each
 * with the mean of at least 20 people's ratings from -4 to 4. EVALUATION ONLY: independent
 * evaluation of the scorer uses these sets, so nothing may be tuned or trained on them.
 */
export const icwsmSources = [
  { file: 'tweets_GroundTruth.txt', name: 'ICWSM-2014 tweets' },
  { file: 'movieReviewSnippets_GroundTruth.txt', name: 'ICWSM-2014 movie reviews' },
  { file: 'amazonReviewSnippets_GroundTruth.txt', name: 'ICWSM-2014 product reviews' },
  { file: 'nytEditorialSnippets_GroundTruth.txt', name: 'ICWSM-2014 NYT editorials' },
] as const;

/** Reads one ground-truth file: `id <TAB> mean rating <TAB> text` per line. */
export function parseGroundTruth(content: string, name: string): EvaluationSet {
  const items: RatedItem[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const [id, rating, ...textParts] = line.split('\t');
    const human = Number(rating);
    const text = textParts.join('\t');
    if (!id || rating === undefined || rating.trim() === '' || !Number.isFinite(human) || !text) {
      throw new Error(`${name}: line ${index + 1} is not "id <TAB> rating <TAB> text"`);
    }
    items.push({ text, language: 'en', human });
  });
  return { name, language: 'en', kind: 'rated', items };
}

/** Reads the four sets from the folder the archive was unpacked into. */
export function loadIcwsm2014(folder: string): EvaluationSet[] {
  return icwsmSources.map(({ file, name }) =>
    parseGroundTruth(readFileSync(join(folder, file), 'utf8'), name),
  );
}
