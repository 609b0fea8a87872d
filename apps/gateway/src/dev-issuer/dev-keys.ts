import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `.local/dev-auth/` at the repository root (never committed). */
export const defaultDevAuthDir = fileURLToPath(
  new URL('../../../../.local/dev-auth/', import.meta.url),
);

export const devIssuer = 'handoff-dev-issuer';
export const devAudience = 'handoff';

export interface DevKeys {
  privateKey: CryptoKey;
  kid: string;
  /** The public JWKS file for AUTH_JWKS_FILE. */
  jwksFile: string;
}

/**
 * The development issuer's ES256 key pair, created on first use: the private JWK stays in the
 * directory, the public JWKS next to it is what services read through AUTH_JWKS_FILE.
 */
export async function devKeys(dir: string = defaultDevAuthDir): Promise<DevKeys> {
  const privateFile = join(dir, 'private.jwk.json');
  const jwksFile = join(dir, 'jwks.json');
  if (!existsSync(privateFile)) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `dev-${randomBytes(6).toString('hex')}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(
      privateFile,
      JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'ES256' }),
      { mode: 0o600 },
    );
    writeFileSync(jwksFile, JSON.stringify({ keys: [publicJwk] }, null, 2));
  }
  const jwk = JSON.parse(readFileSync(privateFile, 'utf8')) as JWK & { kid: string };
  return { privateKey: (await importJWK(jwk, 'ES256')) as CryptoKey, kid: jwk.kid, jwksFile };
}
