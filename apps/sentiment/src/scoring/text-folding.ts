/** Words seen recently and their folded form: chat vocabulary repeats, and folding is not free. */
const foldedWords = new Map<string, string>();
const maxFoldedWords = 50_000;
/** Any character beyond ASCII: text without one needs no Unicode handling. */
export const nonAscii = /[\u0080-\uffff]/;

/** Lower-cases and strips accents, so "INÚTIL", "inútil" and "inutil" meet in one key. */
export function fold(word: string): string {
  let folded = foldedWords.get(word);
  if (folded !== undefined) return folded;
  folded = nonAscii.test(word)
    ? word
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
    : word.toLowerCase();
  if (foldedWords.size >= maxFoldedWords) foldedWords.clear();
  foldedWords.set(word, folded);
  return folded;
}
