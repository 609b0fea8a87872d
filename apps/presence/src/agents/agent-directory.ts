import type { Candidate, SkillRequirement } from '@handoff/contracts';

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

/**
 * An agent as the directory holds it. A class, not a spread copy: every entry has the same shape,
 * which keeps a search over thousands of them an order of magnitude faster.
 */
export class AgentEntry implements AgentProfile {
  agentId!: string;
  tenantId!: string;
  displayName!: string;
  status!: PresenceStatus;
  skills!: AgentProfile['skills'];
  languages!: string[];
  capacity!: number;
  statusChangedAt!: Date;
  /** Proficiency by skill name, for matching without scanning the skill list. */
  skillLevels = new Map<string, number>();
  /** Conversations holding one of the agent's chat slots. */
  readonly conversations = new Set<string>();
  lastAssignedAt = 0;

  constructor(profile: AgentProfile) {
    this.update(profile);
  }

  /** What the last status change said, without the slots in use. */
  profile(): AgentProfile {
    const { agentId, tenantId, displayName, status, skills, languages, capacity, statusChangedAt } =
      this;
    return { agentId, tenantId, displayName, status, skills, languages, capacity, statusChangedAt };
  }

  update(profile: AgentProfile): this {
    this.agentId = profile.agentId;
    this.tenantId = profile.tenantId;
    this.displayName = profile.displayName;
    this.status = profile.status;
    this.skills = profile.skills;
    this.languages = profile.languages;
    this.capacity = profile.capacity;
    this.statusChangedAt = profile.statusChangedAt;
    this.skillLevels = new Map(profile.skills.map(({ name, proficiency }) => [name, proficiency]));
    return this;
  }
}

interface Ranked {
  agent: AgentEntry;
  proficiency: number;
  load: number;
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
  /** Each tenant's agents, as an array: a search walks it without a lookup per agent. */
  private readonly byTenant = new Map<string, AgentEntry[]>();
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
    // Updated in place, so the tenant's list keeps pointing at it.
    if (known) return { applied: true, entry: known.update(profile) };
    const entry = new AgentEntry(profile);
    this.agents.set(profile.agentId, entry);
    this.tenantAgents(profile.tenantId).push(entry);
    return { applied: true, entry };
  }

  get(agentId: string): AgentEntry | undefined {
    return this.agents.get(agentId);
  }

  /**
   * Online agents of the tenant who speak the language and hold every skill, free ones best first:
   * one pass over the tenant's agents, keeping only the best `limit` (no sort of everyone).
   */
  find(query: CandidateQuery): CandidateResult {
    let onlineAgents = 0;
    let matchingAgents = 0;
    const best: Ranked[] = [];
    for (const agent of this.byTenant.get(query.tenantId) ?? []) {
      if (agent.status !== 'online') continue;
      onlineAgents++;
      if (!agent.languages.includes(query.language)) continue;
      const proficiency = weakestRequiredLevel(agent, query.skills);
      if (proficiency === undefined) continue;
      matchingAgents++;
      if (agent.conversations.size >= agent.capacity || query.limit <= 0) continue;
      keepBest(best, { agent, proficiency, load: load(agent) }, query.limit);
    }
    return {
      candidates: best.map(({ agent, proficiency }) => ({
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

  private tenantAgents(tenantId: string): AgentEntry[] {
    let agents = this.byTenant.get(tenantId);
    if (!agents) this.byTenant.set(tenantId, (agents = []));
    return agents;
  }
}

/** The agent's lowest level among the required skills (5 when none is required), or undefined if one is missing or too low. */
function weakestRequiredLevel(
  agent: AgentEntry,
  required: readonly SkillRequirement[],
): number | undefined {
  let weakest = 5;
  for (const need of required) {
    const level = agent.skillLevels.get(need.name ?? '');
    if (level === undefined || level < (need.minProficiency ?? 1)) return undefined;
    weakest = Math.min(weakest, level);
  }
  return weakest;
}

/** Best first: most proficient, then least loaded, then longest since an assignment, then by id. */
function before(a: Ranked, b: Ranked): boolean {
  if (a.proficiency !== b.proficiency) return a.proficiency > b.proficiency;
  if (a.load !== b.load) return a.load < b.load;
  if (a.agent.lastAssignedAt !== b.agent.lastAssignedAt)
    return a.agent.lastAssignedAt < b.agent.lastAssignedAt;
  return a.agent.agentId < b.agent.agentId;
}

/** Inserts into a best-first list of at most `limit`, dropping what falls off the end. */
function keepBest(best: Ranked[], candidate: Ranked, limit: number): void {
  if (best.length === limit && !before(candidate, best[limit - 1]!)) return;
  let index = best.length;
  while (index > 0 && before(candidate, best[index - 1]!)) index--;
  best.splice(index, 0, candidate);
  if (best.length > limit) best.pop();
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
