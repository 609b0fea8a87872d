import type { GrammarWords } from './languages.js';
import type { Lexicon } from './lexicons.js';

const letterRun = /(\p{L})\1{2,}/gu;
const repeatedSyllable = /^(\p{L}\p{L})\1+\p{L}?$/u;

/**
 * The word a spelling typed for stress stands for, or undefined when it is not one or is known as
 * it is. No word has a letter three times in a row, so such a run is stress: "goooood" is "good",
 * "sooo" is "so", "noooo" is "no" (runs are cut to two letters, then to one). Laughter goes on as
 * long as the writer likes: "hahahahah" is the longest repetition the lexicon rates ("hahaha").
 */
export function plainSpelling(
  key: string,
  lexicon: Lexicon,
  grammar: GrammarWords,
): string | undefined {
  const stretched = hasLetterRun(key);
  if (!stretched && !mayRepeatSyllable(key)) return undefined;
  const known = (form: string) => grammar.all.has(form) || lexicon.byKey.has(form);
  if (known(key)) return undefined;
  if (stretched) {
    const doubled = key.replace(letterRun, '$1$1');
    if (known(doubled)) return doubled;
    const single = key.replace(letterRun, '$1');
    return known(single) ? single : undefined;
  }
  const syllable = repeatedSyllable.exec(key)?.[1];
  if (syllable === undefined) return undefined;
  return [syllable.repeat(3), syllable.repeat(2)].find(known);
}

function hasLetterRun(key: string): boolean {
  for (let i = 2; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code === key.charCodeAt(i - 1) && code === key.charCodeAt(i - 2) && code > 64) return true;
  }
  return false;
}

/** A cheap first look: six letters or more, starting with one two-letter syllable twice. */
function mayRepeatSyllable(key: string): boolean {
  return (
    key.length >= 6 &&
    key.charCodeAt(0) === key.charCodeAt(2) &&
    key.charCodeAt(1) === key.charCodeAt(3) &&
    key.charCodeAt(0) !== key.charCodeAt(1)
  );
}
