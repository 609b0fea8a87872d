import type { AgentStatusChanged } from '@handoff/contracts';
import type { AgentEntry, AgentProfile } from './agent-entry.js';

/**
 * A status change presence itself decides (a silent desk, offers missed, a wrap-up begun or
 * ended): the agent's profile as it stands, with the new status and why. It is published and
 * applied like a desk's, and keeps the producer's count, so the desk's next change still wins.
 */
export function statusChangeOf(
  agent: AgentEntry,
  status: 'online' | 'away' | 'wrap_up' | 'offline',
  reason: string,
): AgentStatusChanged {
  return changeFrom(agent.profile(), status, reason);
}

function changeFrom(
  { statusChangedAt: _, wrapUpEndsAt: __, ...profile }: AgentProfile,
  status: AgentStatusChanged['status'],
  reason: string,
): AgentStatusChanged {
  return { ...profile, status, reason };
}
