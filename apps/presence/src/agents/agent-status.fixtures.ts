import type { AgentStatusChanged } from '@handoff/contracts';

/** An online English-speaking agent's status change, as a desk sends it. */
export function agentStatusOf(
  tenantId: string,
  agentId: string,
  changes: Partial<AgentStatusChanged> = {},
): AgentStatusChanged {
  return {
    agentId,
    tenantId,
    displayName: `Agent ${agentId}`,
    status: 'online',
    skills: [],
    languages: ['en'],
    capacity: 2,
    ...changes,
  };
}
