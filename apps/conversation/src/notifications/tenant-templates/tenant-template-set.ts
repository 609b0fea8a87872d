import type { TemplatesPublished } from '@handoff/contracts';
import type { TemplateSources } from '../template-sources.js';
import type { TemplateSourceEntry } from './tenant-templates.record.js';

/** A tenant's wording as rendering uses it. */
export interface TenantTemplateSet {
  tenantId: string;
  version: number;
  templates: TemplateSources;
}

export function templateSetOf(published: TemplatesPublished): TenantTemplateSet {
  return {
    tenantId: published.tenantId,
    version: published.version,
    templates: published.templates,
  };
}

export function sourceEntries(templates: TemplateSources): TemplateSourceEntry[] {
  return Object.entries(templates).flatMap(([template, byLanguage]) =>
    Object.entries(byLanguage).map(([language, source]) => ({ template, language, source })),
  );
}

export function templatesFromEntries(entries: readonly TemplateSourceEntry[]): TemplateSources {
  const templates: Record<string, Record<string, string>> = {};
  for (const { template, language, source } of entries)
    (templates[template] ??= {})[language] = source;
  return templates;
}
