import type { AgentProfile } from './agent-entry.js';

/** A moment of the test day, by second. */
export const at = (seconds: number) => new Date(Date.UTC(2026, 10, 26, 10, 0, seconds));

/** An online English-speaking agent of tenant acme, with billing at 3 and two chat slots. */
export function agent(agentId: string, changes: Partial<AgentProfile> = {}): AgentProfile {
  return {
    agentId,
    tenantId: 'acme',
    displayName: `Agent ${agentId}`,
    status: 'online',
    skills: [{ name: 'billing', proficiency: 3 }],
    languages: ['en'],
    capacity: 2,
    statusChangedAt: at(0),
    ...changes,
  };
}

/** A placement of an English conversation, needing no skill, held for `holdMs` (0: for good). */
export const heldPlacement = (conversationId: string, holdMs: number) => ({
  conversationId,
  language: 'en',
  skills: [],
  holdMs,
});
