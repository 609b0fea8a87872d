/** Lower-cases and strips accents, so "INÚTIL", "inútil" and "inutil" meet in one key. */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}
