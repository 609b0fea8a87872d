import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { phraseList, type PhraseList } from './phrases.js';

/**
 * VADER's idioms ("the bomb", "kiss of death", "yeah right"): phrases whose valence is not that of
 * their words. Read from the `vader-sentiment` package that ships the lexicon; its build does not
 * export them, so they are read from its source. A package whose source no longer holds them
 * fails here, at load, rather than scoring without them unnoticed.
 */
export interface Idioms extends PhraseList {
  /** Valence by phrase. */
  valences: ReadonlyMap<string, number>;
}

const require = createRequire(import.meta.url);

export function readVaderIdioms(): Idioms {
  const source = readFileSync(require.resolve('vader-sentiment/src/vaderSentiment.js'), 'utf8');
  const block = /SPECIAL_CASE_IDIOMS\s*=\s*\{([^}]*)\}/.exec(source)?.[1];
  const valences = new Map<string, number>();
  for (const [, phrase, valence] of block?.matchAll(/'([a-z' ]+)'\s*:\s*(-?\d+(?:\.\d+)?)/g) ?? [])
    valences.set(phrase!, Number(valence));
  if (valences.size === 0)
    throw new Error('vader-sentiment: no SPECIAL_CASE_IDIOMS found in src/vaderSentiment.js');
  return { valences, ...phraseList(valences.keys()) };
}

/** No idioms: for languages without a list. */
export const noIdioms: Idioms = { valences: new Map(), ...phraseList([]) };
