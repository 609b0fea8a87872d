import { detectLanguage } from './language-detection.js';
import {
  degreeStep,
  grammarWords,
  supportedLanguages,
  toSupportedLanguage,
  type Language,
} from './languages.js';
import { lexicons } from './lexicons.js';
import { readWords, valenceAt, type MessageWords } from './message-words.js';
import { boostBefore, negationBefore, shoutBoost } from './word-rules.js';

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
const beforeContrast = 0.5;
const afterContrast = 1.5;
const squashAlpha = 15;
const neutralBand = 0.05;
const strongNegative = -2.5;
/** A stretched word ("goooood") stresses itself as much as one degree word would. */
const stretchBoost = degreeStep;

/**
 * Grammar words the lexicon also rates: "no", "super", Portuguese "bem". Each counts as its rating
 * when it modifies no opinion word ("No.", "Super!", "tudo bem"), and only as a modifier when it does.
 */
const ratedGrammarWords = new Map<Language, ReadonlySet<string>>(
  supportedLanguages.map((language) => {
    const { byKey } = lexicons[language];
    const rated = [...grammarWords[language].all].filter((word) => byKey.has(word));
    return [language, new Set(rated)];
  }),
);

/**
 * Scores a message in the given language (a BCP 47 tag; detected when missing or unsupported).
 * Valences come from the lexicons; negation, degree words, contrast, shouting, stretched words,
 * exclamation and question marks adjust them, and the sum is squashed into -1..1.
 */
export function scoreMessage(text: string, languageTag?: string): MessageScores {
  const language = toSupportedLanguage(languageTag) ?? detectLanguage(text);
  const grammar = grammarWords[language];
  const english = language === 'en';
  const words = readWords(text, lexicons[language], grammar, english);
  const { keys } = words;
  const rated = ratedGrammarWords.get(language)!;
  const contrastAt = keys.findIndex((key) => grammar.contrasts.has(key));

  let sum = 0;
  let mostNegative = 0;
  const modifiers: number[] = [];
  const ratedModifiers: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    if (grammar.all.has(keys[i]!)) {
      if (rated.has(keys[i]!)) ratedModifiers.push(i);
      continue;
    }
    const valence = valenceAt(words, i);
    if (!valence) continue;
    const boosted =
      stressed(words, i, valence) + Math.sign(valence) * boostBefore(words, i, modifiers);
    const weighed =
      boosted * negationBefore(words, i, english, modifiers) * contrastFactor(i, contrastAt);
    mostNegative = Math.min(mostNegative, weighed);
    sum += weighed;
  }
  for (const i of ratedModifiers) {
    const valence = valenceAt(words, i);
    if (!valence || modifiers.includes(i)) continue;
    const weighed = stressed(words, i, valence) * contrastFactor(i, contrastAt);
    mostNegative = Math.min(mostNegative, weighed);
    sum += weighed;
  }
  if (sum !== 0) sum += Math.sign(sum) * punctuationEmphasis(text);
  const sentiment = round(Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + squashAlpha))));
  const frustration = frustrationOf(
    sentiment,
    words.shouting || words.capsStandOut,
    /[!?]{2,}/.test(text),
    mostNegative,
  );
  return { sentiment, frustration, language };
}

/** What "but" does to the word at i: before it the word weighs less, after it more. */
function contrastFactor(i: number, contrastAt: number): number {
  return contrastAt < 0 ? 1 : i < contrastAt ? beforeContrast : afterContrast;
}

/** A word's valence with its own stress: upper case among lower case, or a stretched spelling. */
function stressed(words: MessageWords, i: number, valence: number): number {
  const sign = Math.sign(valence);
  let stress = 0;
  if (words.capsStandOut && words.shouted[i]) stress += shoutBoost;
  if (words.stretched[i]) stress += stretchBoost;
  return valence + sign * stress;
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

/** Exclamation marks (up to four) and repeated question marks add intensity in the sum's direction. */
function punctuationEmphasis(text: string): number {
  if (text.indexOf('!') < 0 && text.indexOf('?') < 0) return 0;
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
