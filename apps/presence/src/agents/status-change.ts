import type { AgentStatusChanged } from '@handoff/contracts';
import type { AgentEntry } from './agent-entry.js';

/**
 * A status change presence itself decides (a silent desk, offers missed): the agent's profile as it
 * stands, with the new status and why. It is published and applied like a desk's.
 */
export function statusChangeOf(
  agent: AgentEntry,
  status: 'away' | 'offline',
  reason: string,
): AgentStatusChanged {
  const { agentId, tenantId, displayName, skills, languages, capacity } = agent.profile();
  return { agentId, tenantId, displayName, status, skills, languages, capacity, reason };
}
