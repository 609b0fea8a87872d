import type { Language } from '../../../scoring/languages.js';
import { english } from './english.js';
import { french } from './french.js';
import { german } from './german.js';
import { type PhraseBank } from './phrase-bank.js';
import { portuguese } from './portuguese.js';
import { spanish } from './spanish.js';

export * from './phrase-bank.js';

export const phraseBanks: Record<Language, PhraseBank> = {
  en: english,
  es: spanish,
  fr: french,
  de: german,
  pt: portuguese,
};
