import type { Candidate, SkillRequirement } from '@handoff/contracts';
import { lowestProficiency, matchesSkills } from './skill-match.js';

export type PresenceStatus = 'online' | 'away' | 'offline';

/** What an agent brings, as the last status change said. */
export interface AgentProfile {
  agentId: string;
  tenantId: string;
  displayName: string;
  status: PresenceStatus;
  skills: { name: string; proficiency: number }[];
  languages: string[];
  capacity: number;
  statusChangedAt: Date;
}

export interface AgentEntry extends AgentProfile {
  /** Conversations holding one of the agent's chat slots. */
  conversations: Set<string>;
  lastAssignedAt: number;
}

export interface CandidateQuery {
  tenantId: string;
  language: string;
  skills: SkillRequirement[];
  limit: number;
}

export interface CandidateResult {
  candidates: Candidate[];
  onlineAgents: number;
  matchingAgents: number;
}

export type ReserveOutcome =
  | { reserved: true; agentId: string; displayName: string; activeChats: number }
  | { reserved: false; agentId: string; displayName: ''; activeChats: 0 };

/**
 * Every agent of every tenant with their chat slots, in memory. It is the one arbiter of capacity:
 * a reservation is checked and taken in one synchronous step, so two callers can never take the
 * same last slot, and a conversation never holds two. The store keeps what it needs to rebuild
 * it at boot (agent profiles, active reservations).
 */
export class AgentDirectory {
  private readonly agents = new Map<string, AgentEntry>();
  private readonly byTenant = new Map<string, Set<string>>();
  private readonly holders = new Map<string, string>();

  get size(): number {
    return this.agents.size;
  }

  /**
   * Applies a status change; one older than what is known is ignored (a late or replayed event).
   * Returns false when the agent id belongs to another tenant.
   */
  apply(profile: AgentProfile): { applied: boolean; entry?: AgentEntry; conflict?: boolean } {
    const known = this.agents.get(profile.agentId);
    if (known && known.tenantId !== profile.tenantId) return { applied: false, conflict: true };
    if (known && known.statusChangedAt > profile.statusChangedAt)
      return { applied: false, entry: known };
    const entry: AgentEntry = {
      ...profile,
      conversations: known?.conversations ?? new Set(),
      lastAssignedAt: known?.lastAssignedAt ?? 0,
    };
    this.agents.set(profile.agentId, entry);
    if (!known) this.tenantAgents(profile.tenantId).add(profile.agentId);
    return { applied: true, entry };
  }

  get(agentId: string): AgentEntry | undefined {
    return this.agents.get(agentId);
  }

  /** Online agents of the tenant who speak the language and hold every skill, free ones best first. */
  find(query: CandidateQuery): CandidateResult {
    let onlineAgents = 0;
    let matchingAgents = 0;
    const free: AgentEntry[] = [];
    for (const agentId of this.byTenant.get(query.tenantId) ?? []) {
      const agent = this.agents.get(agentId)!;
      if (agent.status !== 'online') continue;
      onlineAgents++;
      if (!agent.languages.includes(query.language) || !matchesSkills(agent.skills, query.skills))
        continue;
      matchingAgents++;
      if (agent.conversations.size < agent.capacity) free.push(agent);
    }
    const ranked = free
      .map((agent) => ({ agent, proficiency: lowestProficiency(agent.skills, query.skills) }))
      .sort(
        (a, b) =>
          b.proficiency - a.proficiency ||
          load(a.agent) - load(b.agent) ||
          a.agent.lastAssignedAt - b.agent.lastAssignedAt ||
          a.agent.agentId.localeCompare(b.agent.agentId),
      )
      .slice(0, query.limit);
    return {
      candidates: ranked.map(({ agent, proficiency }) => ({
        agentId: agent.agentId,
        displayName: agent.displayName,
        proficiency,
        activeChats: agent.conversations.size,
        capacity: agent.capacity,
        lastAssignedAtMs: String(agent.lastAssignedAt),
      })),
      onlineAgents,
      matchingAgents,
    };
  }

  /** The agent whose slot the conversation holds, if any. */
  holderOf(conversationId: string): AgentEntry | undefined {
    const agentId = this.holders.get(conversationId);
    return agentId === undefined ? undefined : this.agents.get(agentId);
  }

  /** Takes a slot if the agent is the tenant's, online and not full; a conversation holds at most one. */
  reserve(tenantId: string, agentId: string, conversationId: string, at: number): ReserveOutcome {
    const holder = this.holderOf(conversationId);
    if (holder) return holder.tenantId === tenantId ? reserved(holder) : refused(agentId);
    const agent = this.agents.get(agentId);
    if (
      !agent ||
      agent.tenantId !== tenantId ||
      agent.status !== 'online' ||
      agent.conversations.size >= agent.capacity
    ) {
      return refused(agentId);
    }
    this.hold(agent, conversationId, at);
    return reserved(agent);
  }

  /** Gives the conversation's slot back; returns the agent who held it, or undefined. */
  release(tenantId: string, conversationId: string): AgentEntry | undefined {
    const holder = this.holderOf(conversationId);
    if (!holder || holder.tenantId !== tenantId) return undefined;
    holder.conversations.delete(conversationId);
    this.holders.delete(conversationId);
    return holder;
  }

  /** A reservation from the store, at boot: kept even past capacity, which a lowered capacity allows. */
  restore(agentId: string, conversationId: string, at: number): void {
    const agent = this.agents.get(agentId);
    if (agent) this.hold(agent, conversationId, at);
  }

  private hold(agent: AgentEntry, conversationId: string, at: number): void {
    agent.conversations.add(conversationId);
    agent.lastAssignedAt = Math.max(agent.lastAssignedAt, at);
    this.holders.set(conversationId, agent.agentId);
  }

  private tenantAgents(tenantId: string): Set<string> {
    let agents = this.byTenant.get(tenantId);
    if (!agents) this.byTenant.set(tenantId, (agents = new Set()));
    return agents;
  }
}

function load(agent: AgentEntry): number {
  return agent.capacity > 0 ? agent.conversations.size / agent.capacity : 1;
}

function reserved(agent: AgentEntry): ReserveOutcome {
  return {
    reserved: true,
    agentId: agent.agentId,
    displayName: agent.displayName,
    activeChats: agent.conversations.size,
  };
}

function refused(agentId: string): ReserveOutcome {
  return { reserved: false, agentId, displayName: '', activeChats: 0 };
}
