import { detectLanguage } from './language-detection.js';
import {
  grammarWords,
  toSupportedLanguage,
  type GrammarWords,
  type Language,
} from './languages.js';
import { lexicons, type Lexicon } from './lexicons.js';
import { fold, nonAscii } from './text-folding.js';
import { isShouted, splitTokens } from './tokens.js';

export interface SentimentResult {
  score: number;
  label: 'negative' | 'neutral' | 'positive';
}

export interface MessageScores {
  /** -1 (very negative) .. 1 (very positive). */
  sentiment: number;
  /** 0 (calm) .. 1 (furious): negativity, shouting, repeated punctuation and strong negative words. */
  frustration: number;
  language: Language;
}

// Rule weights follow the published VADER heuristics, so scores read on the same scale as VADER's.
const shoutBoost = 0.733;
const negationFactor = -0.74;
const negationReach = 3;
const beforeContrast = 0.5;
const afterContrast = 1.5;
const squashAlpha = 15;
const neutralBand = 0.05;
const strongNegative = -2.5;
/** A stretched word ("goooood") stresses itself as much as one degree word would. */
const stretchBoost = 0.293;

// What English adds to plain negation, as VADER reads it.
/** "no" before an opinion word negates it ("no problem"); otherwise it is a refusal ("No.", "no longer works"). */
const refusal = 'no';
/** "least" negates the word after it ("the least helpful"), except in "at least" and "very least". */
const least = 'least';
const leastKept = new Set(['at', 'very']);
/** "never so good", "never been this happy": emphasis, not negation. */
const neverStressedBy = new Set(['so', 'this']);

/**
 * Scores a message in the given language (a BCP 47 tag; detected when missing or unsupported).
 * Valences come from the lexicons; negation, degree words, contrast, shouting, exclamation and
 * question marks adjust them, and the sum is squashed into -1..1.
 */
export function scoreMessage(text: string, languageTag?: string): MessageScores {
  const language = toSupportedLanguage(languageTag) ?? detectLanguage(text);
  const lexicon = lexicons[language];
  const grammar = grammarWords[language];
  const english = language === 'en';
  // In ASCII text a word's folded key is its lower case: one case mapping is enough.
  const ascii = !nonAscii.test(text);
  const clauses: number[] = [];
  const tokens = splitTokens(text, lexicon, english, ascii, clauses);
  const keys: string[] = new Array<string>(tokens.length);
  const shouted: boolean[] = new Array<boolean>(tokens.length);
  const stretched: boolean[] = new Array<boolean>(tokens.length);
  let shoutedWords = 0;
  for (let i = 0; i < tokens.length; i++) {
    keys[i] = fold(tokens[i]!);
    const unstretched = unstretchedForm(keys[i]!, lexicon, grammar);
    stretched[i] = unstretched !== undefined;
    if (unstretched !== undefined) keys[i] = unstretched;
    if (i > 0 && grammar.phraseStarts.has(keys[i - 1]!)) joinDegreePhrase(keys, i, grammar);
    shouted[i] = isShouted(tokens[i]!);
    if (shouted[i]) shoutedWords++;
  }
  // Counted only when some word shouts: it decides whether the shouting stands out.
  const wordCount = shoutedWords > 0 ? tokens.filter((token) => /\p{L}/u.test(token)).length : 0;
  // A message can only shout whole if some word shouts, or it has at least eight one-letter words.
  const letters = shoutedWords > 0 || tokens.length >= 8 ? text.replace(/[^\p{L}]/gu, '') : '';
  const shouting =
    letters.length >= 8 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  // As in VADER, upper case strengthens words only against lower case; a whole message shouting
  // tells of frustration rather than of stronger words.
  const capsStandOut = shoutedWords > 0 && shoutedWords < wordCount;
  const contrastAt = keys.findIndex((key) => grammar.contrasts.has(key));

  let sum = 0;
  let mostNegative = 0;
  for (let i = 0; i < tokens.length; i++) {
    const key = keys[i]!;
    if (grammar.all.has(key)) {
      const refuses =
        english &&
        key === refusal &&
        !(clauses[i + 1] === clauses[i] && valenceAt(i + 1, lexicon, tokens, keys, ascii));
      if (!refuses) continue;
    }
    let valence = valenceAt(i, lexicon, tokens, keys, ascii);
    if (!valence) continue;
    const sign = Math.sign(valence);
    if (capsStandOut && shouted[i]) valence += sign * shoutBoost;
    if (stretched[i]) valence += sign * stretchBoost;
    valence += sign * boostBefore(i, shouted, keys, grammar, capsStandOut);
    valence *= negationBefore(i, keys, clauses, grammar, english);
    if (contrastAt >= 0) valence *= i < contrastAt ? beforeContrast : afterContrast;
    mostNegative = Math.min(mostNegative, valence);
    sum += valence;
  }
  if (sum !== 0) sum += Math.sign(sum) * punctuationEmphasis(text);
  const sentiment = round(Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + squashAlpha))));
  const frustration = frustrationOf(
    sentiment,
    shouting || capsStandOut,
    /[!?]{2,}/.test(text),
    mostNegative,
  );
  return { sentiment, frustration, language };
}

/** The service's published score: sentiment with a label. */
export function scoreSentiment(text: string, languageTag?: string): SentimentResult {
  const { sentiment: score } = scoreMessage(text, languageTag);
  return { score, label: labelOf(score) };
}

/** Negative, neutral or positive, with a narrow neutral band around 0 as VADER has. */
export function labelOf(score: number): SentimentResult['label'] {
  return score <= -neutralBand ? 'negative' : score >= neutralBand ? 'positive' : 'neutral';
}

/** Degree words in the three tokens before, weaker the further away they stand. */
function boostBefore(
  i: number,
  shouted: boolean[],
  keys: string[],
  grammar: GrammarWords,
  capsStandOut: boolean,
): number {
  let boost = 0;
  for (let distance = 1; distance <= 3 && i - distance >= 0; distance++) {
    const step = grammar.boosters.get(keys[i - distance]!);
    if (step === undefined) continue;
    const shouting = capsStandOut && shouted[i - distance] ? Math.sign(step) * shoutBoost : 0;
    boost += (step + shouting) * (1 - 0.05 * (distance - 1));
  }
  return boost;
}

/** The lexicon's valence for the token at i (undefined past the end or for words it lacks). */
function valenceAt(
  i: number,
  lexicon: Lexicon,
  tokens: string[],
  keys: string[],
  ascii: boolean,
): number | undefined {
  if (i >= tokens.length) return undefined;
  return (
    lexicon.exact.get(ascii ? keys[i]! : tokens[i]!.toLowerCase()) ?? lexicon.folded.get(keys[i]!)
  );
}

/**
 * The word a stretched one stands for ("goooood" is "good", "sooo" is "so", "noooo" is "no"), or
 * undefined when the word is not stretched or is known as it is. No word has a letter three times
 * in a row, so such a run is typed for stress: runs are cut to two letters, then to one.
 */
function unstretchedForm(key: string, lexicon: Lexicon, grammar: GrammarWords): string | undefined {
  if (!hasLetterRun(key)) return undefined;
  const known = (form: string) =>
    grammar.all.has(form) || lexicon.exact.has(form) || lexicon.folded.has(form);
  if (known(key)) return undefined;
  const doubled = key.replace(letterRun, '$1$1');
  if (known(doubled)) return doubled;
  const single = key.replace(letterRun, '$1');
  return known(single) ? single : undefined;
}

const letterRun = /(\p{L})\1{2,}/gu;

function hasLetterRun(key: string): boolean {
  for (let i = 2; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code === key.charCodeAt(i - 1) && code === key.charCodeAt(i - 2) && code > 64) return true;
  }
  return false;
}

/** Reads a two-word degree phrase ("kind of") ending at i as the one degree word it is, in its first word's place. */
function joinDegreePhrase(keys: string[], i: number, grammar: GrammarWords): void {
  const phrase = `${keys[i - 1]} ${keys[i]}`;
  if (grammar.boosters.has(phrase)) keys[i - 1] = phrase;
}

/**
 * What a negation in the three words before an opinion word does to it: flips and softens it,
 * once however many there are. It does not reach past the end of a clause, or back over "but"
 * ("I don't know, thanks"; "not cheap but good"). English also negates after "least", lets "no"
 * reach three words only through "or" ("no heat or water"), and reads "never ... so" as emphasis.
 */
function negationBefore(
  i: number,
  keys: string[],
  clauses: number[],
  grammar: GrammarWords,
  english: boolean,
): number {
  const clause = clauses[i];
  if (
    english &&
    i >= 1 &&
    keys[i - 1] === least &&
    clauses[i - 1] === clause &&
    !(i >= 2 && leastKept.has(keys[i - 2]!))
  )
    return negationFactor;
  for (let distance = 1; distance <= negationReach && i - distance >= 0; distance++) {
    const key = keys[i - distance]!;
    if (clauses[i - distance] !== clause || grammar.contrasts.has(key)) break;
    if (!grammar.negations.has(key) && !(english && key.endsWith("n't"))) continue;
    if (!english) return negationFactor;
    if (key === 'never' && stressedAfterNever(keys, i - distance + 1, i))
      return distance === 2 ? 1.5 : 1.25;
    if (key === refusal && distance === 3 && keys[i - 1] !== 'or' && keys[i - 1] !== 'nor')
      continue;
    return negationFactor;
  }
  return 1;
}

function stressedAfterNever(keys: string[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (neverStressedBy.has(keys[j]!)) return true;
  return false;
}

/** Exclamation marks (up to four) and repeated question marks add intensity in the sum's direction. */
function punctuationEmphasis(text: string): number {
  let exclamations = 0;
  let questions = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 33) exclamations++;
    else if (code === 63) questions++;
  }
  const questionWeight = questions > 3 ? 0.96 : questions > 1 ? questions * 0.18 : 0;
  return Math.min(exclamations, 4) * 0.292 + questionWeight;
}

/**
 * Combines independent signs of frustration so that each adds to, but never pushes past, 1.
 * Shouting and repeated punctuation only count when the message is not positive ("THANKS!!!").
 */
function frustrationOf(
  sentiment: number,
  shouting: boolean,
  repeatedMarks: boolean,
  mostNegative: number,
): number {
  const emphatic = sentiment < neutralBand;
  const calm =
    (1 - 0.75 * Math.max(0, -sentiment)) *
    (shouting && emphatic ? 0.75 : 1) *
    (repeatedMarks && emphatic ? 0.8 : 1) *
    (mostNegative <= strongNegative ? 0.8 : 1);
  return round(1 - calm);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
