/**
 * Phrases read as one word: degree phrases ("kind of", "without a doubt") and idioms ("the bomb").
 * Each first word is kept with the words that can follow it, so most words are passed over with
 * one lookup.
 */
export interface PhraseList {
  /** Lower-case words, one space apart. */
  phrases: ReadonlySet<string>;
  starts: ReadonlyMap<string, ReadonlySet<string>>;
  longest: number;
}

export function phraseList(phrases: Iterable<string>): PhraseList {
  const all = new Set(phrases);
  const starts = new Map<string, Set<string>>();
  let longest = 0;
  for (const phrase of all) {
    const [first, second, ...rest] = phrase.split(' ');
    if (second === undefined) continue;
    if (!starts.has(first!)) starts.set(first!, new Set());
    starts.get(first!)!.add(second);
    longest = Math.max(longest, rest.length + 2);
  }
  return { phrases: all, starts, longest };
}

/**
 * Joins each phrase of the list in the keys into its first word's place ("kiss of death" at
 * "kiss"), blanking the words after it, so the phrase is read once and its words not at all.
 * Words of one clause only.
 */
export function joinPhrases(keys: string[], clauses: readonly number[], list: PhraseList): void {
  if (list.longest === 0) return;
  for (let i = 0; i < keys.length - 1; i++) {
    if (!list.starts.get(keys[i]!)?.has(keys[i + 1]!)) continue;
    let phrase = keys[i]!;
    for (let end = i + 1; end < keys.length && end - i < list.longest; end++) {
      if (clauses[end] !== clauses[i]) break;
      phrase += ` ${keys[end]}`;
      if (!list.phrases.has(phrase)) continue;
      keys[i] = phrase;
      keys.fill('', i + 1, end + 1);
      i = end;
      break;
    }
  }
}
