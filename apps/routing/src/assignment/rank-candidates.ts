import type { Candidate__Output } from '@handoff/contracts';

/**
 * Best first: the most proficient, then the least loaded (share of capacity in use), then
 * whoever waited longest since their last assignment, then by id so ties are stable.
 */
export function rankCandidates(candidates: readonly Candidate__Output[]): Candidate__Output[] {
  return [...candidates].sort(
    (a, b) =>
      b.proficiency - a.proficiency ||
      load(a) - load(b) ||
      Number(a.lastAssignedAtMs) - Number(b.lastAssignedAtMs) ||
      a.agentId.localeCompare(b.agentId),
  );
}

function load(candidate: Candidate__Output): number {
  return candidate.capacity > 0 ? candidate.activeChats / candidate.capacity : 1;
}
