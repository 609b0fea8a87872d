import type { GrammarWords } from './languages.js';
import type { Lexicon } from './lexicons.js';
import { joinPhrases } from './phrases.js';
import { plainSpelling } from './stressed-spelling.js';
import { fold, nonAscii } from './text-folding.js';
import { isShouted, splitTokens } from './tokens.js';

/** A message read into words, with what the rules need to know about each. */
export interface MessageWords {
  /** As typed (case kept). */
  tokens: string[];
  /**
   * Folded, unstretched, with degree phrases and idioms joined into their first word's
   * place (the idiom's other words left empty): what the word lists are read with.
   */
  keys: string[];
  /** Clause number of each word: a clause ends at . , ; : ! or ? */
  clauses: number[];
  shouted: boolean[];
  /** Typed with a letter held down ("goooood") or a syllable repeated ("hahahaha"). */
  stretched: boolean[];
  /** Some words, not all, are in upper case: those stand out, as in VADER. */
  capsStandOut: boolean;
  /** The whole message is in upper case. */
  shouting: boolean;
  /** No character beyond ASCII: a word's key is its lower case. */
  ascii: boolean;
  lexicon: Lexicon;
  grammar: GrammarWords;
}

export function readWords(
  text: string,
  lexicon: Lexicon,
  grammar: GrammarWords,
  keepApostrophes: boolean,
): MessageWords {
  const ascii = !nonAscii.test(text);
  const clauses: number[] = [];
  const tokens = splitTokens(text, lexicon, keepApostrophes, ascii, clauses);
  const keys: string[] = new Array<string>(tokens.length);
  const shouted: boolean[] = new Array<boolean>(tokens.length);
  const stretched: boolean[] = new Array<boolean>(tokens.length);
  let shoutedWords = 0;
  let capitalLetters = 0;
  for (let i = 0; i < tokens.length; i++) {
    const key = fold(tokens[i]!);
    const plain = plainSpelling(key, lexicon, grammar);
    stretched[i] = plain !== undefined;
    keys[i] = plain ?? key;
    shouted[i] = isShouted(tokens[i]!);
    if (shouted[i]) shoutedWords++;
    else if (tokens[i]!.length === 1 && tokens[i] !== key) capitalLetters++;
  }
  joinPhrases(keys, clauses, grammar.phrases);
  joinPhrases(keys, clauses, lexicon.idioms);
  // Counted only when some word shouts: it decides whether the shouting stands out.
  const wordCount = shoutedWords > 0 ? tokens.filter((token) => /\p{L}/u.test(token)).length : 0;
  // A message can only shout whole if some word shouts, or it has eight capital letters standing alone.
  const letters = shoutedWords > 0 || capitalLetters >= 8 ? text.replace(/[^\p{L}]/gu, '') : '';
  const shouting =
    letters.length >= 8 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  const capsStandOut = shoutedWords > 0 && shoutedWords < wordCount;
  return {
    tokens,
    keys,
    clauses,
    shouted,
    stretched,
    capsStandOut,
    shouting,
    ascii,
    lexicon,
    grammar,
  };
}

/** The lexicon's valence for the word at i (undefined for words it lacks). */
export function valenceAt(words: MessageWords, i: number): number | undefined {
  const key = words.keys[i]!;
  const { exact, folded, byKey, idioms } = words.lexicon;
  if (key === '' || key.includes(' ')) return idioms.valences.get(key);
  // Where the token's lower case is its key, one lookup answers what the two would.
  const valence =
    words.ascii || words.stretched[i]
      ? byKey.get(key)
      : (exact.get(words.tokens[i]!.toLowerCase()) ?? folded.get(key));
  return valence ?? inflectedValence(key, words);
}

/** Inflected words are read by the form the list holds: "mala" as "malo", "gute" as "gut". */
function inflectedValence(key: string, words: MessageWords): number | undefined {
  // Short words are mostly grammar ("las", "une"): their endings are not inflections.
  if (key.length < 4) return undefined;
  for (const [ending, listedEnding] of words.grammar.inflections) {
    if (!key.endsWith(ending)) continue;
    const valence = words.lexicon.folded.get(key.slice(0, -ending.length) + listedEnding);
    if (valence !== undefined) return valence;
  }
  return undefined;
}
