import type { Lexicon } from './lexicons.js';
import { nonAscii } from './text-folding.js';

const pictograph = /\p{Extended_Pictographic}/gu;
// Variation selectors and skin tones do not change what an emoji says.
const emojiModifiers = /\uFE0F|\p{Emoji_Modifier}/gu;
// Phones type "don’t" with a right single quotation mark (or a modifier letter apostrophe).
const typedApostrophes = /[\u2019\u02BC]/g;
const nonWord = /[^\p{L}\p{N}']+/u;
const nonWordOrApostrophe = /[^\p{L}\p{N}]+/u;
const letter = /\p{L}/u;
const plainWord = /^[\p{L}\p{N}]+$/u;
const wordWithApostrophes = /^[\p{L}\p{N}']+$/u;

/**
 * Splits a message into words, emoji and emoticons, keeping the original case (needed to tell
 * shouting apart). Emoticons such as ":-(" survive whole when the lexicon knows them; English keeps
 * apostrophes so "don't" stays one word, the other languages split "n'est" into "n" and "est".
 */
export function splitTokens(
  text: string,
  lexicon: Lexicon,
  keepApostrophes: boolean,
  ascii = !nonAscii.test(text),
): string[] {
  const tokens: string[] = [];
  const separator = keepApostrophes ? nonWord : nonWordOrApostrophe;
  // Plain ASCII text has no emoji to set apart, and only ASCII spaces between its chunks.
  const chunks = ascii
    ? asciiChunks(text)
    : text
        .replace(pictograph, ' $& ')
        .replace(emojiModifiers, '')
        .replace(typedApostrophes, "'")
        .split(/\s+/);
  for (const chunk of chunks) {
    if (!chunk) continue;
    // Most chunks are one plain word: nothing to split, no emoticon to look up.
    if (ascii ? isAsciiWord(chunk) : plainWord.test(chunk)) {
      tokens.push(chunk);
      continue;
    }
    if (!wordWithApostrophes.test(chunk) && lexicon.exact.has(chunk.toLowerCase())) {
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

/** Splits ASCII text at runs of spaces, tabs and line breaks, as `split(/\s+/)` does, without a regex. */
function asciiChunks(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (code === 32 || (code >= 9 && code <= 13)) {
      if (i > start) chunks.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return chunks;
}

function isAsciiWord(chunk: string): boolean {
  for (let i = 0; i < chunk.length; i++) {
    const code = chunk.charCodeAt(i);
    const letter = (code | 32) >= 97 && (code | 32) <= 122;
    if (!letter && (code < 48 || code > 57)) return false;
  }
  return true;
}

/** An upper-case word of two letters or more ("NO", "USELESS"); "I" and ":D" do not count. */
export function isShouted(token: string): boolean {
  const first = token.charCodeAt(0);
  // Most words start with a lower-case ASCII letter: not shouted, no case mapping needed.
  if (first >= 97 && first <= 122) return false;
  return (
    token.length > 1 &&
    letter.test(token) &&
    token === token.toUpperCase() &&
    token !== token.toLowerCase()
  );
}
