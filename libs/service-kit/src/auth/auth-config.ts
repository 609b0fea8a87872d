import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config/load-config.js';

/**
 * How bearer tokens are checked. Keys come from an OIDC provider's JWKS endpoint in production,
 * or from a local JWKS file (the dev issuer's) in development and tests: exactly one of them.
 */
export function authEnv() {
  return {
    AUTH_ISSUER: z.string().min(1),
    AUTH_AUDIENCE: z.string().min(1),
    AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_JWKS_FILE: z.string().min(1).optional(),
    AUTH_TENANT_CLAIM: z.string().min(1).default('tenant'),
    AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  };
}

export type AuthEnv = z.output<z.ZodObject<ReturnType<typeof authEnv>>>;

export type KeySource = { kind: 'remote'; url: URL } | { kind: 'local'; jwks: JSONWebKeySet };

export interface AuthOptions {
  issuer: string;
  audience: string;
  keys: KeySource;
  /** The claim that names the caller's tenant. */
  tenantClaim: string;
  clockToleranceSeconds: number;
}

/** Auth options from the validated environment; the local JWKS file is read and parsed once here. */
export function authOptionsFrom(
  env: AuthEnv,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): AuthOptions {
  return {
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
    keys: keySourceFrom(env, readFile),
    tenantClaim: env.AUTH_TENANT_CLAIM,
    clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE_SECONDS,
  };
}

function keySourceFrom(env: AuthEnv, readFile: (path: string) => string): KeySource {
  const fail = (problem: string): never => {
    throw new ConfigError(`Invalid configuration:\n  ${problem}`);
  };
  if (env.AUTH_JWKS_URL && env.AUTH_JWKS_FILE)
    fail('AUTH_JWKS_URL: set either AUTH_JWKS_URL or AUTH_JWKS_FILE, not both');
  if (env.AUTH_JWKS_URL) return { kind: 'remote', url: new URL(env.AUTH_JWKS_URL) };
  if (!env.AUTH_JWKS_FILE)
    return fail('AUTH_JWKS_URL: set AUTH_JWKS_URL (the identity provider) or AUTH_JWKS_FILE');
  let text = '';
  try {
    text = readFile(env.AUTH_JWKS_FILE);
  } catch (error) {
    fail(
      `AUTH_JWKS_FILE: cannot read ${env.AUTH_JWKS_FILE} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let jwks: unknown;
  try {
    jwks = JSON.parse(text);
  } catch {
    fail(`AUTH_JWKS_FILE: ${env.AUTH_JWKS_FILE} is not JSON`);
  }
  const keys = (jwks as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length === 0)
    fail(`AUTH_JWKS_FILE: ${env.AUTH_JWKS_FILE} is not a JWKS (no "keys" array with a key)`);
  return { kind: 'local', jwks: jwks as JSONWebKeySet };
}

/**
 * For services whose people's reads are optional: the token settings as optional variables, and
 * the options once any is given (then all of them are checked as the gateway checks its own).
 * Without them, such a service serves no reads: it never trusts a tenant it is told.
 */
export function optionalAuthEnv() {
  return z.object(authEnv()).partial().shape;
}

export function optionalAuthOptions(env: Partial<AuthEnv>): AuthOptions | undefined {
  if (!env.AUTH_ISSUER && !env.AUTH_AUDIENCE) return undefined;
  return authOptionsFrom(loadConfig(z.object(authEnv()), env as NodeJS.ProcessEnv));
}
