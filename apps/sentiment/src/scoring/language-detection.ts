import { detect } from 'tinyld';
import { supportedLanguages, toSupportedLanguage, type Language } from './languages.js';

const fallback: Language = 'en';
const candidates = [...supportedLanguages];

/** The supported language a message is most likely written in; English when unsure. */
export function detectLanguage(text: string): Language {
  return toSupportedLanguage(detect(text, { only: candidates })) ?? fallback;
}
