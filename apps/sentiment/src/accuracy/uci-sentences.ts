import { createRequire } from 'node:module';
import type { EvaluationSet, LabelledItem } from './evaluation-set.js';

/**
 * UCI "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015; CC BY 4.0): 1,000 review sentences
 * from each of Amazon, IMDb and Yelp, half labelled positive and half negative. Read from the test
 * fixtures that the `sentiment` package (a development dependency) ships; see ACCURACY.md.
 */
export const uciSources = ['amazon', 'imdb', 'yelp'] as const;

/** Reads one fixture: an array of `{ text, class }`, class 1 positive and 0 negative. */
export function parseUciSentences(data: unknown, name: string): EvaluationSet {
  if (!Array.isArray(data)) throw new Error(`${name}: expected an array of sentences`);
  const items: LabelledItem[] = [];
  data.forEach((entry: { text?: unknown; class?: unknown }, index) => {
    // The fixtures end with an empty placeholder entry, which carries no label.
    if (entry?.text === '' && entry.class === null) return;
    if (typeof entry?.text !== 'string' || (entry.class !== 0 && entry.class !== 1)) {
      throw new Error(`${name}: entry ${index} is not { text, class: 0 | 1 }`);
    }
    items.push({ text: entry.text, language: 'en', label: entry.class ? 'positive' : 'negative' });
  });
  return { name, language: 'en', kind: 'labelled', items };
}

export function loadUciSentences(): EvaluationSet[] {
  const require = createRequire(import.meta.url);
  return uciSources.map((source) =>
    parseUciSentences(require(`sentiment/test/fixtures/${source}.json`), `UCI ${source}`),
  );
}
