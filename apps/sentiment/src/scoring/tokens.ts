import type { Lexicon } from './lexicons.js';
import { nonAscii } from './text-folding.js';

const pictograph = /\p{Extended_Pictographic}/gu;
// Variation selectors and skin tones do not change what an emoji says.
const emojiModifiers = /\uFE0F|\p{Emoji_Modifier}/gu;
// Phones type "don’t" with a right single quotation mark (or a modifier letter apostrophe).
const typedApostrophes = /[\u2019\u02BC]/g;
const wordWithApostrophesPart = /[\p{L}\p{N}']+/gu;
const wordPart = /[\p{L}\p{N}]+/gu;
/** Punctuation that ends a clause: negation does not reach past it. */
const clauseMark = /[.,;:!?]/;
const openingBracket = /^[()[\]{}]/;
const nameLike = /^\W*@\w|:\/\/|^\W*www\.|\w@\w/;
const letter = /\p{L}/u;
const plainWord = /^[\p{L}\p{N}]+$/u;
const wordWithApostrophes = /^[\p{L}\p{N}']+$/u;
/** A hashtag of words run together with capitals ("#NeverAgain"), and where its words meet. */
const camelHashtag = /#[\p{L}\p{N}]*\p{Ll}\p{Lu}[\p{L}\p{N}]*/gu;
const camelJoint = /(\p{Ll})(\p{Lu})/gu;

/**
 * Splits a message into words, emoji and emoticons, keeping the original case (needed to tell
 * shouting apart). Emoticons such as ":-(" survive whole when the lexicon knows them; English keeps
 * apostrophes so "don't" stays one word, the other languages split "n'est" into "n" and "est".
 * When `clauses` is given, it receives each token's clause number: a clause ends at . , ; : ! or ?
 */
export function splitTokens(
  text: string,
  lexicon: Lexicon,
  keepApostrophes: boolean,
  ascii = !nonAscii.test(text),
  clauses?: number[],
): string[] {
  if (text.indexOf('#') >= 0) text = splitHashtags(text);
  const tokens: string[] = [];
  const parts = keepApostrophes ? wordWithApostrophesPart : wordPart;
  parts.lastIndex = 0;
  let clause = 0;
  const word = (part: string) => {
    const trimmed =
      part.charCodeAt(0) === 39 || part.endsWith("'") ? part.replace(/^'+|'+$/g, '') : part;
    if (!trimmed) return;
    tokens.push(trimmed);
    clauses?.push(clause);
  };
  // Between words: punctuation, or an emoticon typed against a word ("thanks:)"). One that
  // starts with a bracket is more likely the end of an aside: "(see above):".
  const between = (gap: string) => {
    if (!gap) return;
    const emoticon = gap.length > 1 && !openingBracket.test(gap) && emoticonOf(gap, lexicon);
    if (emoticon) {
      tokens.push(emoticon);
      clauses?.push(clause);
    }
    if (clauseMark.test(gap)) clause++;
  };
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
      clauses?.push(clause);
      continue;
    }
    const emoticon = !wordWithApostrophes.test(chunk) && emoticonOf(chunk, lexicon);
    if (emoticon) {
      tokens.push(emoticon);
      clauses?.push(clause);
      continue;
    }
    // A link, an address or a handle names something: its words ("@happy_days") are no opinion.
    if (nameLike.test(chunk)) continue;
    if (ascii) splitAsciiChunk(chunk, keepApostrophes, word, between);
    else {
      let end = 0;
      for (let part = parts.exec(chunk); part; part = parts.exec(chunk)) {
        between(chunk.slice(end, part.index));
        end = part.index + part[0].length;
        word(part[0]);
      }
      between(chunk.slice(end));
    }
  }
  return tokens;
}

/** A hashtag's words are read as words: "#NeverAgain" as "never again". */
function splitHashtags(text: string): string {
  return text.replace(camelHashtag, (tag) => tag.replace(camelJoint, '$1 $2'));
}

/** The emoticon the lexicon knows in `text`, if any; a mouth typed again and again (":)))", "<333") is the same emoticon. */
function emoticonOf(text: string, lexicon: Lexicon): string | undefined {
  if (endsLikeAWord(text)) return undefined;
  if (lexicon.exact.has(text.toLowerCase())) return text;
  const last = text.charCodeAt(text.length - 1);
  let end = text.length - 1;
  while (end > 0 && text.charCodeAt(end - 1) === last) end--;
  if (end === text.length - 1 || end === 0) return undefined;
  const once = text.slice(0, end + 1);
  return lexicon.exact.has(once.toLowerCase()) ? once : undefined;
}

/** "word," or "word.": two letters and a clause mark end no emoticon, which saves most lookups. */
function endsLikeAWord(text: string): boolean {
  const n = text.length;
  return (
    n > 2 &&
    clauseMark.test(text[n - 1]!) &&
    isAsciiLetterCode(text.charCodeAt(n - 2)) &&
    isAsciiLetterCode(text.charCodeAt(n - 3))
  );
}

function isAsciiLetterCode(code: number): boolean {
  return (code | 32) >= 97 && (code | 32) <= 122;
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

/** Cuts an ASCII chunk into words and what stands between them, by character codes. */
function splitAsciiChunk(
  chunk: string,
  keepApostrophes: boolean,
  word: (part: string) => void,
  between: (gap: string) => void,
): void {
  let wordStart = -1;
  let gapStart = 0;
  for (let i = 0; i <= chunk.length; i++) {
    const code = i < chunk.length ? chunk.charCodeAt(i) : 32;
    const inWord = isAsciiWordCode(code) || (keepApostrophes && code === 39);
    if (inWord && wordStart < 0) {
      between(chunk.slice(gapStart, i));
      wordStart = i;
    } else if (!inWord && wordStart >= 0) {
      word(chunk.slice(wordStart, i));
      wordStart = -1;
      gapStart = i;
    }
  }
  if (wordStart < 0) between(chunk.slice(gapStart));
}

function isAsciiWordCode(code: number): boolean {
  return isAsciiLetterCode(code) || (code >= 48 && code <= 57);
}

function isAsciiWord(chunk: string): boolean {
  for (let i = 0; i < chunk.length; i++) if (!isAsciiWordCode(chunk.charCodeAt(i))) return false;
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
