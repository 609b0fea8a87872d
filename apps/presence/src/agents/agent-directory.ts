import type { Candidate, SkillRequirement } from '@handoff/contracts';
import {
  AgentEntry,
  channelOf,
  defaultChannel,
  tenantKey,
  type AgentProfile,
} from './agent-entry.js';
import {
  fitFor,
  keepBest,
  needOf,
  speaksAmong,
  type Need,
  type Ranked,
} from './candidate-ranking.js';
import {
  mostSkilledFirst,
  rankOrderOf,
  strategyOf,
  type RankOrder,
} from './placement-strategies.js';
import { HoldDeadlines, type HeldSlot } from './hold-deadlines.js';
import { onShiftAt, type ShiftSchedule } from './shift-schedule.js';
import { isStale } from './status-transitions.js';
import { TenantIndex } from './tenant-index.js';

export { AgentEntry, tenantKey, type AgentProfile, type PresenceStatus } from './agent-entry.js';
export type { HeldSlot } from './hold-deadlines.js';

export interface CandidateQuery {
  tenantId: string;
  language: string;
  /** Other languages that will do, after `language` (its speakers still rank first). */
  otherLanguages?: readonly string[];
  skills: SkillRequirement[];
  limit: number;
  excludeAgentIds?: readonly string[];
  /** The order to keep the best in (most skilled first when not given). */
  order?: RankOrder;
  /** When the conversation would start (now when not given): scheduled agents must be on shift. */
  at?: number;
}

export interface CandidateResult {
  candidates: Candidate[];
  onlineAgents: number;
  matchingAgents: number;
}

export type ReserveOutcome =
  | { reserved: true; agentId: string; displayName: string; activeChats: number }
  | { reserved: false; agentId: string; displayName: ''; activeChats: 0 };

/** One conversation to place with the best free agent who fits. */
export interface Placement {
  conversationId: string;
  language: string;
  /** Other languages that will do (a queue relaxed the language), after `language`. */
  otherLanguages?: readonly string[];
  skills: SkillRequirement[];
  /** Agents not to place it with: they declined it, or let its offer run out. */
  excludeAgentIds?: readonly string[];
  /** The channel it is on, whose slot it takes (chat when empty). */
  channel?: string;
  /** Members of any of these teams only (anyone when empty). */
  teams?: readonly string[];
  /** How to choose among the free agents who fit (see placement-strategies); most_skilled when empty. */
  strategy?: string;
  /** For preferred_agent: the agent to place it with when they fit and are free. */
  preferredAgentId?: string;
  /** For preferred_agent: no one else will do; the conversation waits for them. */
  preferredOnly?: boolean;
  /** Above 0: the slot is only held for this many milliseconds, unless confirmed (see confirm). */
  holdMs?: number;
}

interface SearchResult {
  best: Ranked[];
  onlineAgents: number;
  matchingAgents: number;
}

export type PlacementOutcome = ReserveOutcome & { onlineAgents: number; matchingAgents: number };

/**
 * Every agent of every tenant with their chat slots, in memory. It is the one arbiter of capacity:
 * a reservation is checked and taken in one synchronous step, so two callers can never take the
 * same last slot, and a conversation never holds two. Agent and conversation ids are scoped by
 * tenant: two tenants may use the same ids without meeting. The store keeps what it needs to
 * rebuild it at boot (agent profiles, active reservations).
 */
export class AgentDirectory {
  private readonly agents = new Map<string, AgentEntry>();
  /** Each tenant's agents, bucketed for search. */
  private readonly byTenant = new Map<string, TenantIndex>();
  /** The agent (tenant key) holding each conversation's slot, by conversation (tenant key). */
  private readonly holders = new Map<string, string>();
  /**
   * Conversations closed lately (tenant keys, oldest first): a placement repeated after a crash,
   * arriving after the conversation closed, must not take a slot nobody would give back.
   */
  private readonly closed = new Set<string>();
  /** Agents in a wrap-up that ends by itself, by tenant key. */
  private readonly wrappingUp = new Map<string, AgentEntry>();
  /** Each scheduled agent's shifts, by tenant key (kept for agents not known yet too). */
  private readonly schedules = new Map<string, ShiftSchedule>();
  /** When each slot that is only held is given back, unless confirmed first. */
  private readonly holds = new HoldDeadlines();

  constructor(private readonly closedMemory = 200_000) {}

  get size(): number {
    return this.agents.size;
  }

  /** Applies a status change; one older than what is known is ignored (a late or replayed event). */
  apply(profile: AgentProfile): { applied: boolean; entry: AgentEntry } {
    const key = tenantKey(profile.tenantId, profile.agentId);
    const known = this.agents.get(key);
    if (known && isStale(known, profile)) return { applied: false, entry: known };
    let entry = known;
    if (entry) {
      const changing = entry;
      this.tenantIndex(profile.tenantId).change(changing, () => changing.update(profile));
    } else {
      entry = new AgentEntry(profile);
      entry.schedule = this.schedules.get(key);
      this.agents.set(key, entry);
      this.tenantIndex(profile.tenantId).add(entry);
    }
    if (entry.wrapUpEndsAt) this.wrappingUp.set(key, entry);
    else this.wrappingUp.delete(key);
    return { applied: true, entry };
  }

  /** Applies an agent's shift schedule, replacing theirs; returns the agent when known. */
  schedule(tenantId: string, agentId: string, schedule: ShiftSchedule): AgentEntry | undefined {
    const key = tenantKey(tenantId, agentId);
    this.schedules.set(key, schedule);
    const entry = this.agents.get(key);
    if (entry) entry.schedule = schedule;
    return entry;
  }

  /** The agent's shift schedule, known even before the agent is. */
  scheduleOf(tenantId: string, agentId: string): ShiftSchedule | undefined {
    return this.schedules.get(tenantKey(tenantId, agentId));
  }

  /** Known agents who have a shift schedule. */
  *scheduledAgents(): Iterable<AgentEntry> {
    for (const key of this.schedules.keys()) {
      const agent = this.agents.get(key);
      if (agent) yield agent;
    }
  }

  /** Agents whose wrap-up has ended by `now` and who are still in it. */
  *wrapUpsEndedBy(now: number): Iterable<AgentEntry> {
    for (const agent of this.wrappingUp.values())
      if (agent.wrapUpEndsAt && agent.wrapUpEndsAt.getTime() <= now) yield agent;
  }

  get(tenantId: string, agentId: string): AgentEntry | undefined {
    return this.agents.get(tenantKey(tenantId, agentId));
  }

  /**
   * Online agents of the tenant who speak one of the languages and hold every skill, free ones
   * best first: one pass over the smallest bucket of each language, keeping only the best `limit`
   * (no sort).
   */
  find(query: CandidateQuery): CandidateResult {
    const { best, onlineAgents, matchingAgents } = this.search(query);
    return {
      candidates: best.map(({ agent, proficiency }) => ({
        agentId: agent.agentId,
        displayName: agent.displayName,
        proficiency,
        activeChats: agent.conversations.size,
        capacity: agent.capacityOn(defaultChannel) ?? 0,
        lastAssignedAtMs: String(agent.lastAssignedAt),
      })),
      onlineAgents,
      matchingAgents,
    };
  }

  /** The agent whose slot the conversation holds, if any. */
  holderOf(tenantId: string, conversationId: string): AgentEntry | undefined {
    const agentKey = this.holders.get(tenantKey(tenantId, conversationId));
    return agentKey === undefined ? undefined : this.agents.get(agentKey);
  }

  /**
   * Takes a chat slot if the agent is online, on shift and not full; a conversation holds at most
   * one.
   */
  reserve(tenantId: string, agentId: string, conversationId: string, at: number): ReserveOutcome {
    const holder = this.holderOf(tenantId, conversationId);
    if (holder) return reserved(holder);
    const agent = this.get(tenantId, agentId);
    if (
      !agent ||
      agent.freeSlots === 0 ||
      !onShiftAt(agent.schedule, at) ||
      this.isClosed(tenantId, conversationId)
    )
      return refused(agentId);
    this.hold(agent, conversationId, defaultChannel, at);
    return reserved(agent);
  }

  /**
   * For each conversation in turn, a slot with the best free agent who fits; one that already holds
   * a slot keeps it, and its hold (if any) neither lengthens nor shortens. Synchronous, so nothing
   * else takes a slot between two placements.
   */
  placeBest(tenantId: string, placements: readonly Placement[], at: number): PlacementOutcome[] {
    return placements.map((placement) => {
      const holder = this.holderOf(tenantId, placement.conversationId);
      if (holder) return { ...reserved(holder), onlineAgents: 0, matchingAgents: 0 };
      const found = this.choose(tenantId, placement, at);
      const counts = { onlineAgents: found.onlineAgents, matchingAgents: found.matchingAgents };
      const best = found.best[0];
      if (!best || this.isClosed(tenantId, placement.conversationId))
        return { ...refused(''), ...counts };
      this.hold(best.agent, placement.conversationId, channelOf(placement.channel), at);
      if (placement.holdMs && placement.holdMs > 0)
        this.holds.set(tenantId, placement.conversationId, at + placement.holdMs);
      return { ...reserved(best.agent), ...counts };
    });
  }

  /** Gives the conversation's slot back; returns the agent who held it, or undefined. */
  release(tenantId: string, conversationId: string, at = Date.now()): AgentEntry | undefined {
    const key = tenantKey(tenantId, conversationId);
    const agentKey = this.holders.get(key);
    const holder = agentKey === undefined ? undefined : this.agents.get(agentKey);
    if (!holder) return undefined;
    holder.free(conversationId);
    if (holder.conversations.size === 0) holder.idleSince = at;
    this.holders.delete(key);
    this.holds.delete(tenantId, conversationId);
    return holder;
  }

  /** When the conversation's slot is given back unless confirmed; undefined when held for good or not held. */
  heldUntil(tenantId: string, conversationId: string): number | undefined {
    return this.holds.get(tenantId, conversationId);
  }

  /** Makes the conversation's slot its own for good; returns the holder, or undefined when it holds none. */
  confirm(tenantId: string, conversationId: string): AgentEntry | undefined {
    const holder = this.holderOf(tenantId, conversationId);
    if (holder) this.holds.delete(tenantId, conversationId);
    return holder;
  }

  /** Puts a deadline back on a slot the conversation still holds (a confirmation that could not be stored). */
  holdAgain(tenantId: string, conversationId: string, heldUntil: number): void {
    if (this.holderOf(tenantId, conversationId))
      this.holds.set(tenantId, conversationId, heldUntil);
  }

  /** Held slots whose hold has run out by `now`. */
  holdsDueBy(now: number): HeldSlot[] {
    return [...this.holds.dueBy(now)];
  }

  /** Gives the slot back if its hold has run out by `now` (not confirmed meanwhile); returns its holder. */
  expire(tenantId: string, conversationId: string, now: number): AgentEntry | undefined {
    const heldUntil = this.holds.get(tenantId, conversationId);
    if (heldUntil === undefined || heldUntil > now) return undefined;
    return this.release(tenantId, conversationId, now);
  }

  /** The conversation is over: its slot (if any) comes back and it takes no slot again. */
  close(tenantId: string, conversationId: string, at = Date.now()): AgentEntry | undefined {
    const key = tenantKey(tenantId, conversationId);
    this.closed.delete(key);
    this.closed.add(key);
    if (this.closed.size > this.closedMemory)
      this.closed.delete(this.closed.values().next().value!);
    return this.release(tenantId, conversationId, at);
  }

  isClosed(tenantId: string, conversationId: string): boolean {
    return this.closed.has(tenantKey(tenantId, conversationId));
  }

  /** The channel whose slot the conversation holds, if it holds one. */
  channelHeld(tenantId: string, conversationId: string): string | undefined {
    return this.holderOf(tenantId, conversationId)?.conversations.get(conversationId);
  }

  /**
   * A reservation from the store, at boot: kept even past capacity, which a lowered capacity allows.
   * A held one keeps its deadline, even one passed already (then it is given back at the next sweep).
   */
  restore(
    tenantId: string,
    agentId: string,
    conversationId: string,
    at: number,
    channel = defaultChannel,
    heldUntil?: number,
  ): void {
    const agent = this.get(tenantId, agentId);
    if (!agent) return;
    this.hold(agent, conversationId, channel, at);
    if (heldUntil !== undefined) this.holds.set(tenantId, conversationId, heldUntil);
  }

  /**
   * The best free agent for a placement by its strategy, with the counts that say why there is
   * none. preferred_agent takes the preferred agent when they fit and are free, else (unless only
   * they will do) the most skilled.
   */
  private choose(tenantId: string, placement: Placement, at: number): SearchResult {
    const strategy = strategyOf(placement.strategy);
    const order = rankOrderOf(strategy);
    const found = this.search({ tenantId, ...placement, limit: 1, order, at });
    if (strategy !== 'preferred_agent' || !placement.preferredAgentId) return found;
    const preferred = this.get(tenantId, placement.preferredAgentId);
    const need = needOf({ ...placement, at });
    const fit = preferred && fitFor(preferred, need);
    if (fit && hasFreeSlot(fit, need)) return { ...found, best: [fit] };
    return placement.preferredOnly ? { ...found, best: [] } : found;
  }

  private search(query: CandidateQuery): SearchResult {
    const index = this.byTenant.get(query.tenantId);
    if (!index) return { best: [], onlineAgents: 0, matchingAgents: 0 };
    const need = needOf(query);
    let matchingAgents = 0;
    const best: Ranked[] = [];
    need.languages.forEach(({ primary }, position) => {
      for (const agent of index.candidates(primary, query.skills)) {
        // Seen in an earlier language's bucket already: each agent is counted and ranked once.
        if (speaksAmong(agent, need.languages, 0, position)) continue;
        const fit = fitFor(agent, need);
        if (!fit) continue;
        matchingAgents++;
        if (!hasFreeSlot(fit, need) || query.limit <= 0) continue;
        keepBest(best, fit, query.limit, query.order ?? mostSkilledFirst);
      }
    });
    return { best, onlineAgents: index.online, matchingAgents };
  }

  private hold(agent: AgentEntry, conversationId: string, channel: string, at: number): void {
    agent.hold(conversationId, channel);
    agent.lastAssignedAt = Math.max(agent.lastAssignedAt, at);
    this.holders.set(
      tenantKey(agent.tenantId, conversationId),
      tenantKey(agent.tenantId, agent.agentId),
    );
  }

  private tenantIndex(tenantId: string): TenantIndex {
    let index = this.byTenant.get(tenantId);
    if (!index) this.byTenant.set(tenantId, (index = new TenantIndex()));
    return index;
  }
}

function hasFreeSlot({ agent }: Ranked, need: Need): boolean {
  return agent.inUseOn(need.channel) < (agent.capacityOn(need.channel) ?? 0);
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
