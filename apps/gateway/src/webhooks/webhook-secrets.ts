import { ConfigError } from '@handoff/service-kit';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const secret = z.string().min(16, 'a webhook secret has at least 16 characters');

/** `{ "<tenantId>": "<secret>" | ["<new secret>", "<old secret>"] }`: several during a rotation. */
const secretsFile = z.record(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/, 'not a tenant id'),
  z.union([secret, z.array(secret).min(1).max(5)]),
);

/** Reads the tenants' webhook secrets once at boot; a bad file stops the gateway, naming the problem. */
export function loadWebhookSecrets(
  path: string,
  readFile: (path: string) => string = (file) => readFileSync(file, 'utf8'),
): Map<string, string[]> {
  let json: unknown;
  try {
    json = JSON.parse(readFile(path));
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration:\n  GATEWAY_WEBHOOK_SECRETS_FILE: cannot read ${path} as JSON (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const parsed = secretsFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(
      `Invalid configuration:\n  GATEWAY_WEBHOOK_SECRETS_FILE: ${problems.join('; ')}`,
    );
  }
  return new Map(
    Object.entries(parsed.data).map(([tenant, value]) => [
      tenant,
      Array.isArray(value) ? value : [value],
    ]),
  );
}
