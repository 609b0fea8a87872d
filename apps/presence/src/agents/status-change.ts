import type { AgentStatusChanged } from '@handoff/contracts';
import type { AgentEntry, AgentProfile } from './agent-entry.js';

/**
 * A status change presence itself decides (a silent desk, offers missed): the agent's profile as it
 * stands, with the new status and why. It is published and applied like a desk's.
 */
export function statusChangeOf(
  agent: AgentEntry,
  status: 'away' | 'offline',
  reason: string,
): AgentStatusChanged {
  return changeFrom(agent.profile(), status, reason);
}

function changeFrom(
  { statusChangedAt: _, ...profile }: AgentProfile,
  status: AgentStatusChanged['status'],
  reason: string,
): AgentStatusChanged {
  return { ...profile, status, reason };
}
