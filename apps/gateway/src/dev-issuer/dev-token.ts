import { SignJWT } from 'jose';
import { devAudience, devIssuer, type DevKeys } from './dev-keys.js';

export interface DevTokenRequest {
  tenant: string;
  /** One role, or several (put in a `roles` array). */
  role: string | string[];
  sub: string;
  ttlSeconds?: number;
  /** Backdates the token, e.g. to make one that has already expired. */
  issuedAt?: Date;
  issuer?: string;
  audience?: string;
  tenantClaim?: string;
}

/** A signed token as an identity provider would issue it, for development and tests. */
export function mintDevToken(keys: DevKeys, request: DevTokenRequest): Promise<string> {
  const issuedAt = Math.floor((request.issuedAt ?? new Date()).getTime() / 1000);
  const roles = Array.isArray(request.role) ? { roles: request.role } : { role: request.role };
  return new SignJWT({ [request.tenantClaim ?? 'tenant']: request.tenant, ...roles })
    .setProtectedHeader({ alg: 'ES256', kid: keys.kid, typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(request.issuer ?? devIssuer)
    .setAudience(request.audience ?? devAudience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (request.ttlSeconds ?? 3600))
    .sign(keys.privateKey);
}
