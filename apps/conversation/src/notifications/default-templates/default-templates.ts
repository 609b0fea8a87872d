import type { NotificationTemplateName } from '@handoff/contracts';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { pt } from './pt.js';

/** Every template's ICU MessageFormat source in one language. */
export type DefaultTemplates = Readonly<Record<NotificationTemplateName, string>>;

/** The platform's wording, by language: what a tenant that wrote none of its own gets. */
export const defaultTemplates: Readonly<Record<string, DefaultTemplates>> = { en, es, fr, de, pt };

/** The language every template is worded in, the last fallback. */
export const fallbackLanguage = 'en';
