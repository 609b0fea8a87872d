import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * VADER's idioms ("the bomb", "kiss of death", "yeah right"): phrases whose valence is not that of
 * their words. Read from the `vader-sentiment` package that ships the lexicon; its build does not
 * export them, so they are read from its source. A package whose source no longer holds them
 * fails here, at load, rather than scoring without them unnoticed.
 */
export interface Idioms {
  /** Valence by phrase (lower-case words, one space apart). */
  valences: ReadonlyMap<string, number>;
  /** The first word of each phrase ("the"), with the words that can follow it ("bomb", "shit"). */
  starts: ReadonlyMap<string, ReadonlySet<string>>;
  longest: number;
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
  const phrases = [...valences.keys()].map((phrase) => phrase.split(' '));
  const starts = new Map<string, Set<string>>();
  for (const [first, second] of phrases) {
    if (!starts.has(first!)) starts.set(first!, new Set());
    starts.get(first!)!.add(second!);
  }
  return { valences, starts, longest: Math.max(...phrases.map((words) => words.length)) };
}

/** No idioms: for languages without a list. */
export const noIdioms: Idioms = { valences: new Map(), starts: new Map(), longest: 0 };

/**
 * Joins each idiom in the keys into its first word's place ("kiss of death" at "kiss"), blanking
 * the words after it, so the phrase is rated once and its words not at all. Words of one clause only.
 */
export function joinIdioms(keys: string[], clauses: readonly number[], idioms: Idioms): void {
  for (let i = 0; i < keys.length - 1; i++) {
    if (!idioms.starts.get(keys[i]!)?.has(keys[i + 1]!)) continue;
    let phrase = keys[i]!;
    for (let end = i + 1; end < keys.length && end - i < idioms.longest; end++) {
      if (clauses[end] !== clauses[i]) break;
      phrase += ` ${keys[end]}`;
      if (!idioms.valences.has(phrase)) continue;
      keys[i] = phrase;
      keys.fill('', i + 1, end + 1);
      i = end;
      break;
    }
  }
}
