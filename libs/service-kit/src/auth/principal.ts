import type { JWTPayload } from 'jose';

export const roles = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Who is calling, from a verified token: the tenant is never taken from anything else. */
export interface Principal {
  tenantId: string;
  /** The token's subject; for an agent, their agent id. */
  subject: string;
  roles: Role[];
}

/** Same shape as the contracts' identifiers, so a tenant or subject can go into an event as is. */
const identifier = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

export type ClaimsCheck = { ok: true; principal: Principal } | { ok: false; reason: string };

/**
 * Maps verified claims to a principal. Roles come from a `roles` array or a `role` string; roles
 * this platform does not know are dropped (the provider may carry others), so a token with none
 * of ours is valid but allowed nothing.
 */
export function principalFromClaims(claims: JWTPayload, tenantClaim: string): ClaimsCheck {
  const tenant = claims[tenantClaim];
  if (typeof tenant !== 'string' || !identifier.test(tenant))
    return { ok: false, reason: `claim ${tenantClaim} is missing or not a tenant id` };
  if (typeof claims.sub !== 'string' || !identifier.test(claims.sub))
    return { ok: false, reason: 'claim sub is missing or not an identifier' };
  const claimed = Array.isArray(claims['roles'])
    ? claims['roles']
    : typeof claims['role'] === 'string'
      ? [claims['role']]
      : [];
  const known = roles.filter((role) => claimed.includes(role));
  return { ok: true, principal: { tenantId: tenant, subject: claims.sub, roles: known } };
}

/** Supervisors and admins see and act on their whole tenant; agents on what is theirs. */
export function seesWholeTenant(principal: Principal): boolean {
  return principal.roles.includes('supervisor') || principal.roles.includes('admin');
}
