import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import type { AuthOptions } from './auth-config.js';
import { principalFromClaims, type Principal } from './principal.js';

export type TokenCheck =
  | { ok: true; principal: Principal }
  /** unavailable: the keys could not be fetched; the caller may be fine, so it is not a 401. */
  | { ok: false; reason: string; unavailable?: boolean };

/** Only asymmetric algorithms: a shared secret would let every service mint tokens. */
const algorithms = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/**
 * Verifies bearer JWTs: signature against the configured keys, issuer, audience, expiry (with a
 * small clock tolerance), then maps the claims to a principal. A remote JWKS is fetched and cached
 * by jose and refetched when a token names a key it does not know (rotation).
 */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: AuthOptions) {
    this.keys =
      options.keys.kind === 'remote'
        ? createRemoteJWKSet(options.keys.url)
        : createLocalJWKSet(options.keys.jwks);
  }

  async verify(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds,
        algorithms,
        requiredClaims: ['exp', 'sub'],
      });
      return principalFromClaims(payload, this.options.tenantClaim);
    } catch (error) {
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout))
        return { ok: false, reason: describeTokenError(error) };
      return { ok: false, reason: 'signing keys unavailable', unavailable: true };
    }
  }

  /** Verifies the token of an `Authorization: Bearer …` header value. */
  verifyAuthorization(header: string | undefined): Promise<TokenCheck> {
    const token = bearerToken(header);
    if (!token) return Promise.resolve({ ok: false, reason: 'missing bearer token' });
    return this.verify(token);
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function describeTokenError(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `claim ${error.claim} is not accepted`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'token signed with an unknown key';
  return `invalid token (${(error as errors.JOSEError).code})`;
}
