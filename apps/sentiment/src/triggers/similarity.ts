import { distance } from 'fastest-levenshtein';

/** 1 for identical folded texts, 0 for nothing in common: one minus the edit distance's share. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/** How many of the earlier texts are at least this alike to the newest one. */
export function repeatsOfNewest(texts: readonly string[], threshold: number): number {
  const newest = texts.at(-1);
  if (newest === undefined) return 0;
  let repeats = 0;
  for (let i = 0; i < texts.length - 1; i++)
    if (similarity(texts[i]!, newest) >= threshold) repeats++;
  return repeats;
}

/** How many times in a row, counting back from the newest, the same value appears. */
export function runAtEnd(values: readonly string[]): number {
  const newest = values.at(-1);
  let run = 0;
  for (let i = values.length - 1; i >= 0 && values[i] === newest; i--) run++;
  return run;
}
