import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// Words in emoji names that describe shape, not feeling, and would skew the average.
const descriptiveOnly = new Set(['face', 'with', 'of', 'and', 'the', 'a']);

/**
 * Gives each emoji the mean valence of the opinion words in its Unicode name ("smiling face with
 * heart-eyes" reads as "smiling" and "heart"), so emoji need no hand-rated list of their own.
 */
export function emojiValences(words: ReadonlyMap<string, number>): Map<string, number> {
  const names = require('unicode-emoji-json/data-by-emoji.json') as Record<
    string,
    { name: string }
  >;
  const valences = new Map<string, number>();
  for (const [emoji, { name }] of Object.entries(names)) {
    let sum = 0;
    let count = 0;
    for (const word of name.toLowerCase().split(/[^a-z]+/)) {
      const valence = descriptiveOnly.has(word) ? undefined : words.get(word);
      if (valence === undefined) continue;
      sum += valence;
      count++;
    }
    if (count > 0) valences.set(emoji.replace(/\uFE0F/g, ''), sum / count);
  }
  return valences;
}
