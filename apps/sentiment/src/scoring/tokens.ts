import type { Lexicon } from './lexicons.js';

const pictograph = /\p{Extended_Pictographic}/gu;
// Variation selectors and skin tones do not change what an emoji says.
const emojiModifiers = /\uFE0F|\p{Emoji_Modifier}/gu;
const nonWord = /[^\p{L}\p{N}']+/u;
const nonWordOrApostrophe = /[^\p{L}\p{N}]+/u;
const letter = /\p{L}/u;

/**
 * Splits a message into words, emoji and emoticons, keeping the original case (needed to tell
 * shouting apart). Emoticons such as ":-(" survive whole when the lexicon knows them; English keeps
 * apostrophes so "don't" stays one word, the other languages split "n'est" into "n" and "est".
 */
export function splitTokens(text: string, lexicon: Lexicon, keepApostrophes: boolean): string[] {
  const tokens: string[] = [];
  const separator = keepApostrophes ? nonWord : nonWordOrApostrophe;
  const spaced = text.replace(pictograph, ' $& ').replace(emojiModifiers, '');
  for (const chunk of spaced.split(/\s+/)) {
    if (!chunk) continue;
    if (lexicon.exact.has(chunk.toLowerCase()) && !/^[\p{L}\p{N}']+$/u.test(chunk)) {
      tokens.push(chunk);
      continue;
    }
    for (const part of chunk.split(separator)) {
      const word = part.replace(/^'+|'+$/g, '');
      if (word) tokens.push(word);
    }
  }
  return tokens;
}

/** An upper-case word of two letters or more ("NO", "USELESS"); "I" and ":D" do not count. */
export function isShouted(token: string): boolean {
  return (
    token.length > 1 &&
    letter.test(token) &&
    token === token.toUpperCase() &&
    token !== token.toLowerCase()
  );
}
