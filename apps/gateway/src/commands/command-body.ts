import { randomUUID } from 'node:crypto';
import type { Principal } from '@handoff/service-kit';

/** A JSON body as an object (anything else reads as empty, and the contract check says what is missing). */
export function bodyOf(body: unknown): Record<string, any> {
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, any>)
    : {};
}

/** Copies only the named fields the caller sent: a tenantId or agentId in the body never counts. */
export function pick(body: Record<string, any>, names: readonly string[]): Record<string, any> {
  return Object.fromEntries(
    names.filter((name) => body[name] !== undefined).map((name) => [name, body[name]]),
  );
}

/** What every command carries, from the verified caller: the tenant and the acting agent. */
export function commandHeader(principal: Principal) {
  return {
    commandId: randomUUID(),
    tenantId: principal.tenantId,
    agentId: principal.subject,
    requestedAt: new Date().toISOString(),
  };
}
