import type { NotificationTemplateName } from '@handoff/contracts';
import { defaultTemplates, fallbackLanguage } from './default-templates/default-templates.js';

/** A tenant's wording: ICU MessageFormat sources by template name, then by language tag. */
export type TemplateSources = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The source chosen for a notice, where it came from and the language it is written in. */
export interface ChosenSource {
  origin: 'tenant' | 'platform';
  language: string;
  source: string;
}

/** `pt-BR` → `pt`: the language subtag alone. */
export function baseLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/**
 * Which wording a customer gets, first found wins: the tenant's in the exact tag, in the base
 * language, the tenant's English (its brand voice before the platform's), then the platform's in
 * the exact tag, the base language, and English, which always has every template.
 */
export function chooseSource(
  template: NotificationTemplateName,
  language: string,
  tenant: TemplateSources | undefined,
): ChosenSource {
  const base = baseLanguage(language);
  const tenantWording = tenant?.[template];
  for (const tag of [language, base, fallbackLanguage]) {
    const source = tenantWording?.[tag];
    if (source !== undefined) return { origin: 'tenant', language: tag, source };
  }
  for (const tag of [language, base]) {
    const source = defaultTemplates[tag]?.[template];
    if (source !== undefined) return { origin: 'platform', language: tag, source };
  }
  return platformEnglish(template);
}

export function platformEnglish(template: NotificationTemplateName): ChosenSource {
  return {
    origin: 'platform',
    language: fallbackLanguage,
    source: defaultTemplates[fallbackLanguage]![template],
  };
}
