import type { SkillRequirement } from '@handoff/contracts';
import { channelOf, primaryLanguage, type AgentEntry } from './agent-entry.js';
import { mostSkilledFirst, type RankOrder } from './placement-strategies.js';
import { onShiftAt } from './shift-schedule.js';

/** What an agent offers for one request, as ranking compares it. */
export interface Ranked {
  agent: AgentEntry;
  proficiency: number;
  /** The agent speaks the language asked for first (any variant), not only one of the others. */
  askedLanguage: boolean;
  /** The agent speaks the very tag asked for first (`pt-BR`), not only its language (`pt`). */
  exactLanguage: boolean;
  load: number;
}

/** A language as asked: the tag (lower case) and its primary subtag, computed once per search. */
export interface LanguageWanted {
  tag: string;
  primary: string;
}

export function languageWanted(tag: string): LanguageWanted {
  return { tag: tag.toLowerCase(), primary: primaryLanguage(tag) };
}

/**
 * The languages that will do: the one asked for first, then the others a queue accepts, one per
 * primary subtag (a second variant of a language already wanted adds no agent).
 */
export function languagesWanted(
  language: string,
  otherLanguages: readonly string[] | undefined,
): LanguageWanted[] {
  const wanted = [languageWanted(language)];
  for (const tag of otherLanguages ?? []) {
    const other = languageWanted(tag);
    if (!wanted.some(({ primary }) => primary === other.primary)) wanted.push(other);
  }
  return wanted;
}

/** What a search asks of an agent, computed once per search. */
export interface Need {
  /** The language asked for first, then the other ones that will do. */
  languages: readonly LanguageWanted[];
  skills: readonly SkillRequirement[];
  excluded: ReadonlySet<string> | undefined;
  channel: string;
  /** Members of any of these teams only; anyone when undefined. */
  teams: readonly string[] | undefined;
  /** When the conversation would start: agents with a schedule must be on shift then. */
  at: number;
}

export function needOf(query: {
  language: string;
  otherLanguages?: readonly string[] | undefined;
  skills: readonly SkillRequirement[];
  excludeAgentIds?: readonly string[] | undefined;
  channel?: string | undefined;
  teams?: readonly string[] | undefined;
  at?: number | undefined;
}): Need {
  return {
    languages: languagesWanted(query.language, query.otherLanguages),
    skills: query.skills,
    excluded: query.excludeAgentIds?.length ? new Set(query.excludeAgentIds) : undefined,
    channel: channelOf(query.channel),
    teams: query.teams?.length ? query.teams : undefined,
    at: query.at ?? Date.now(),
  };
}

/**
 * How the agent fits the request, or undefined when they do not: they must be online, not
 * excluded, speak one of the languages (any variant of it: a `pt-BR` conversation can go to a `pt`
 * or `pt-PT` agent, and the other way round), hold every required skill at its minimum, take the
 * channel, when teams are asked for, belong to one of them and, when they have a shift schedule,
 * be on shift.
 */
export function fitFor(agent: AgentEntry, need: Need): Ranked | undefined {
  if (agent.status !== 'online' || need.excluded?.has(agent.agentId)) return undefined;
  if (agent.schedule && !onShiftAt(agent.schedule, need.at)) return undefined;
  const capacity = agent.capacityOn(need.channel);
  if (capacity === undefined) return undefined;
  if (need.teams && !need.teams.some((team) => agent.teamSet.has(team))) return undefined;
  const asked = need.languages[0]!;
  const askedLanguage = agent.primaryLanguages.has(asked.primary);
  if (!askedLanguage && !speaksAmong(agent, need.languages, 1, need.languages.length))
    return undefined;
  const proficiency = weakestRequiredLevel(agent, need.skills);
  if (proficiency === undefined) return undefined;
  return {
    agent,
    proficiency,
    askedLanguage,
    exactLanguage: agent.languageTags.has(asked.tag),
    load: capacity > 0 ? agent.inUseOn(need.channel) / capacity : 1,
  };
}

/** Whether the agent speaks one of `languages[from]` to `languages[to - 1]`. */
export function speaksAmong(
  agent: AgentEntry,
  languages: readonly LanguageWanted[],
  from: number,
  to: number,
): boolean {
  for (let index = from; index < to; index++)
    if (agent.primaryLanguages.has(languages[index]!.primary)) return true;
  return false;
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

/** Inserts into a list of at most `limit`, first in `order` first, dropping what falls off the end. */
export function keepBest(
  best: Ranked[],
  candidate: Ranked,
  limit: number,
  order: RankOrder = mostSkilledFirst,
): void {
  if (best.length === limit && !order(candidate, best[limit - 1]!)) return;
  let index = best.length;
  while (index > 0 && order(candidate, best[index - 1]!)) index--;
  best.splice(index, 0, candidate);
  if (best.length > limit) best.pop();
}
