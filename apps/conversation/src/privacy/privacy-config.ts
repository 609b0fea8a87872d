import { readJsonConfigFile } from '@handoff/service-kit';
import { z } from 'zod';

const customPattern = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,31}$/, 'a lower-case name, shown as [name] in place of the match'),
    regex: z.string().min(1).max(500),
  })
  .superRefine(({ regex }, context) => {
    try {
      new RegExp(regex, 'gu');
    } catch (error) {
      context.addIssue({ code: 'custom', path: ['regex'], message: (error as Error).message });
    }
  });

const tenantPrivacy = z.object({
  /** Days a conversation and everything about it is kept after it started; absent: kept. */
  retentionDays: z.number().int().min(1).max(3650).optional(),
  redact: z
    .object({
      emails: z.boolean().default(true),
      phones: z.boolean().default(true),
      cards: z.boolean().default(true),
      patterns: z.array(customPattern).max(32).default([]),
    })
    .prefault({}),
  /** What agents read: everything the customer wrote, or the same redacted text that leaves for analytics. */
  agentSees: z.enum(['everything', 'redacted']).default('everything'),
});

export const privacyFileSchema = z.object({
  tenants: z.record(z.string().min(1), tenantPrivacy),
});

export type TenantPrivacy = z.output<typeof tenantPrivacy>;
export type PrivacySettings = z.output<typeof privacyFileSchema>;

/** Tenants not listed (and without a `*` entry): nothing deleted, emails, phones and cards redacted. */
export const defaultTenantPrivacy: TenantPrivacy = tenantPrivacy.parse({});

export function loadPrivacySettings(path: string | undefined): PrivacySettings {
  return path ? readJsonConfigFile(privacyFileSchema, path, 'privacy file') : { tenants: {} };
}

/** The tenant's own settings, else the `*` entry's, else the defaults. */
export function privacyOf(settings: PrivacySettings, tenantId: string): TenantPrivacy {
  return settings.tenants[tenantId] ?? settings.tenants['*'] ?? defaultTenantPrivacy;
}
