/** Who signed in, as the token says; shown on the page only, since the gateway verifies it. */
export interface Claims {
  sub: string;
  tenant: string;
}

const storageKey = 'handoff.desk.token';

/**
 * The agent's access token: handed over once in the address's fragment (`#token=…`, which never
 * reaches a server), or pasted, then kept for this tab only.
 */
export function takeToken(): string | undefined {
  const fragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fragment) {
    sessionStorage.setItem(storageKey, fragment);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(storageKey) ?? undefined;
}

export function keepToken(token: string): void {
  sessionStorage.setItem(storageKey, token.trim());
}

export function forgetToken(): void {
  sessionStorage.removeItem(storageKey);
}

export function claimsOf(token: string): Claims | undefined {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload)) as Record<string, unknown>;
    return {
      sub: String(claims['sub'] ?? ''),
      tenant: String(claims['tenant'] ?? claims['tenant_id'] ?? ''),
    };
  } catch {
    return undefined;
  }
}
