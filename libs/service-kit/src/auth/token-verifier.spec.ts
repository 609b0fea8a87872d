import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { ConfigError } from '../config/load-config.js';
import { authOptionsFrom, type AuthEnv } from './auth-config.js';
import { principalFromClaims } from './principal.js';
import { bearerToken, TokenVerifier } from './token-verifier.js';

const issuer = 'https://id.example.test';
const audience = 'handoff';

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' } };
}

function sign(
  key: CryptoKey,
  kid: string,
  claims: Record<string, unknown>,
  options: { iss?: string; aud?: string; expiresInSeconds?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid })
    .setSubject('agent-ana')
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? audience)
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (options.expiresInSeconds ?? 600))
    .sign(key);
}

const env = (extra: Partial<AuthEnv>): AuthEnv => ({
  AUTH_ISSUER: issuer,
  AUTH_AUDIENCE: audience,
  AUTH_TENANT_CLAIM: 'tenant',
  AUTH_CLOCK_TOLERANCE_SECONDS: 30,
  ...extra,
});

describe('TokenVerifier', async () => {
  const trusted = await keyPair('k1');
  const stranger = await keyPair('k2');
  const verifier = new TokenVerifier(
    authOptionsFrom(env({ AUTH_JWKS_FILE: 'jwks.json' }), () =>
      JSON.stringify({ keys: [trusted.jwk] }),
    ),
  );

  it('accepts a token of the trusted issuer and maps tenant, subject and roles', async () => {
    const token = await sign(trusted.privateKey, 'k1', { tenant: 'acme', role: 'agent' });
    assert.deepEqual(await verifier.verify(token), {
      ok: true,
      principal: { tenantId: 'acme', subject: 'agent-ana', roles: ['agent'] },
    });
  });

  it('refuses expired tokens beyond the clock tolerance, but not within it', async () => {
    const expired = await sign(
      trusted.privateKey,
      'k1',
      { tenant: 'acme', role: 'agent' },
      { expiresInSeconds: -60 },
    );
    assert.deepEqual(await verifier.verify(expired), { ok: false, reason: 'token expired' });
    const justExpired = await sign(
      trusted.privateKey,
      'k1',
      { tenant: 'acme', role: 'agent' },
      { expiresInSeconds: -5 },
    );
    assert.equal((await verifier.verify(justExpired)).ok, true);
  });

  it('refuses another issuer, another audience and an unknown key', async () => {
    const claims = { tenant: 'acme', role: 'agent' };
    const otherIssuer = await sign(trusted.privateKey, 'k1', claims, { iss: 'https://evil.test' });
    assert.deepEqual(await verifier.verify(otherIssuer), {
      ok: false,
      reason: 'claim iss is not accepted',
    });
    const otherAudience = await sign(trusted.privateKey, 'k1', claims, { aud: 'billing' });
    assert.deepEqual(await verifier.verify(otherAudience), {
      ok: false,
      reason: 'claim aud is not accepted',
    });
    const forged = await sign(stranger.privateKey, 'k1', claims);
    assert.equal((await verifier.verify(forged)).ok, false);
    const unknownKey = await sign(stranger.privateKey, 'k2', claims);
    assert.equal((await verifier.verify(unknownKey)).ok, false);
  });

  it('refuses a token without a tenant', async () => {
    const token = await sign(trusted.privateKey, 'k1', { role: 'agent' });
    assert.deepEqual(await verifier.verify(token), {
      ok: false,
      reason: 'claim tenant is missing or not a tenant id',
    });
  });

  it('reads the bearer token of an Authorization header only', async () => {
    assert.equal(bearerToken('Bearer abc.def.ghi'), 'abc.def.ghi');
    assert.equal(bearerToken('Basic dXNlcjpwYXNz'), undefined);
    assert.equal(bearerToken(undefined), undefined);
    assert.deepEqual(await verifier.verifyAuthorization(undefined), {
      ok: false,
      reason: 'missing bearer token',
    });
  });
});

describe('principalFromClaims', () => {
  it('takes roles from a roles array or a role string, dropping roles it does not know', () => {
    const both = principalFromClaims(
      { sub: 's', tenant: 't', roles: ['supervisor', 'billing', 'admin'] },
      'tenant',
    );
    assert.deepEqual(both.ok && both.principal.roles, ['supervisor', 'admin']);
    const one = principalFromClaims({ sub: 's', tenant: 't', role: 'agent' }, 'tenant');
    assert.deepEqual(one.ok && one.principal.roles, ['agent']);
    const none = principalFromClaims({ sub: 's', tenant: 't' }, 'tenant');
    assert.deepEqual(none.ok && none.principal.roles, []);
  });

  it('reads the tenant from the configured claim and refuses one that is not an identifier', () => {
    const custom = principalFromClaims({ sub: 's', org_id: 'acme' }, 'org_id');
    assert.equal(custom.ok && custom.principal.tenantId, 'acme');
    assert.equal(principalFromClaims({ sub: 's', tenant: '../etc' }, 'tenant').ok, false);
    assert.equal(principalFromClaims({ sub: 's', tenant: ['acme'] }, 'tenant').ok, false);
    assert.equal(principalFromClaims({ tenant: 'acme' }, 'tenant').ok, false);
  });
});

describe('authOptionsFrom', () => {
  const rejects = (extra: Partial<AuthEnv>, pattern: RegExp, readFile?: (path: string) => string) =>
    assert.throws(
      () => authOptionsFrom(env(extra), readFile),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, pattern);
        return true;
      },
    );

  it('needs exactly one key source', () => {
    rejects({}, /AUTH_JWKS_URL: set AUTH_JWKS_URL .* or AUTH_JWKS_FILE/);
    rejects(
      { AUTH_JWKS_URL: 'https://id.example.test/jwks', AUTH_JWKS_FILE: 'k.json' },
      /not both/,
    );
    const remote = authOptionsFrom(env({ AUTH_JWKS_URL: 'https://id.example.test/jwks' }));
    assert.equal(remote.keys.kind, 'remote');
  });

  it('refuses a JWKS file that cannot be read or holds no keys', () => {
    rejects(
      { AUTH_JWKS_FILE: 'missing.json' },
      /AUTH_JWKS_FILE: cannot read missing.json \(ENOENT\)/,
      () => {
        throw Object.assign(new Error('no'), { code: 'ENOENT' });
      },
    );
    rejects({ AUTH_JWKS_FILE: 'k.json' }, /not JSON/, () => 'nope');
    rejects({ AUTH_JWKS_FILE: 'k.json' }, /no "keys" array/, () => '{"keys":[]}');
  });
});
