import { deriveId, type AgentAvailabilityChanged } from '@handoff/contracts';
import type { AgentEntry } from './agent-entry.js';
import { onShiftAt } from './shift-schedule.js';

/**
 * What routing hears when an agent can take more or fewer conversations: off shift, no free slot.
 * The id derives from the event that caused it, so a redelivered cause yields a recognisable
 * duplicate.
 */
export function availabilityOf(
  agent: AgentEntry,
  cause: AgentAvailabilityChanged['cause'],
  causeId: string,
  at: Date,
): { data: AgentAvailabilityChanged; id: string } {
  return {
    id: deriveId('availability', causeId, agent.tenantId, agent.agentId),
    data: {
      tenantId: agent.tenantId,
      agentId: agent.agentId,
      status: agent.status,
      freeSlots: onShiftAt(agent.schedule, at.getTime()) ? agent.freeSlots : 0,
      languages: agent.languages,
      cause,
      changedAt: at.toISOString(),
    },
  };
}

/** What routing hears of the agents a batch of status changes changed. */
export function statusAnnouncements(
  changed: readonly { entry: AgentEntry; causeId: string }[],
): { data: AgentAvailabilityChanged; id: string }[] {
  return changed.map(({ entry, causeId }) =>
    availabilityOf(entry, 'status_changed', causeId, entry.statusChangedAt),
  );
}
