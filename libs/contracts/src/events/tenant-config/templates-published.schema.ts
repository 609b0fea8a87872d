import type { EventData } from '../event-data.js';
import { configVersionSchema } from './config-version.schema.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';

export const templatesPublishedType = 'handoff.tenant.templates.published';

/** Longest ICU MessageFormat source of one template in one language. */
export const maxTemplateSourceLength = 2000;

export const templatesPublishedSchema = {
  $id: 'https://schemas.handoff.dev/events/tenant-templates-published.json',
  title: 'TemplatesPublished',
  description:
    "A tenant's customer notification templates (its brand voice), in ICU MessageFormat, by template and language. It replaces the tenant's previous set; a template or language it leaves out falls back to the platform default. The gateway refuses a set with bad syntax or unknown variables before publishing; the conversation service checks again and dead-letters such a set, keeping the previous one.",
  type: 'object',
  required: ['tenantId', 'version', 'templates', 'publishedAt'],
  properties: {
    tenantId: identifierSchema,
    version: configVersionSchema,
    templates: {
      type: 'object',
      maxProperties: 64,
      propertyNames: { pattern: '^[a-z][a-z0-9_.-]{0,63}$' },
      additionalProperties: {
        type: 'object',
        maxProperties: 32,
        propertyNames: { pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
        additionalProperties: { type: 'string', minLength: 1, maxLength: maxTemplateSourceLength },
      },
    },
    publishedBy: { type: 'string', maxLength: 128 },
    publishedAt: timestampSchema,
  },
} as const;

export type TemplatesPublished = EventData<typeof templatesPublishedSchema>;
