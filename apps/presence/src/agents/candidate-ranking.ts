import type { SkillRequirement } from '@handoff/contracts';
import { primaryLanguage, type AgentEntry } from './agent-entry.js';

/** What an agent offers for one request, as ranking compares it. */
export interface Ranked {
  agent: AgentEntry;
  proficiency: number;
  /** The agent speaks the very tag asked for (`pt-BR`), not only its language (`pt`). */
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
 * How the agent fits the request, or undefined when they do not: they must speak the language
 * (any variant of it: a `pt-BR` conversation can go to a `pt` or `pt-PT` agent, and the other way
 * round) and hold every required skill at its minimum.
 */
export function fitOf(
  agent: AgentEntry,
  language: LanguageWanted,
  skills: readonly SkillRequirement[],
): Ranked | undefined {
  if (!agent.primaryLanguages.has(language.primary)) return undefined;
  const proficiency = weakestRequiredLevel(agent, skills);
  if (proficiency === undefined) return undefined;
  return {
    agent,
    proficiency,
    exactLanguage: agent.languageTags.has(language.tag),
    load: agent.capacity > 0 ? agent.conversations.size / agent.capacity : 1,
  };
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

/**
 * Best first: most proficient, then one who speaks the exact variant, then least loaded, then
 * longest since an assignment, then by id.
 */
export function before(a: Ranked, b: Ranked): boolean {
  if (a.proficiency !== b.proficiency) return a.proficiency > b.proficiency;
  if (a.exactLanguage !== b.exactLanguage) return a.exactLanguage;
  if (a.load !== b.load) return a.load < b.load;
  if (a.agent.lastAssignedAt !== b.agent.lastAssignedAt)
    return a.agent.lastAssignedAt < b.agent.lastAssignedAt;
  return a.agent.agentId < b.agent.agentId;
}

/** Inserts into a best-first list of at most `limit`, dropping what falls off the end. */
export function keepBest(best: Ranked[], candidate: Ranked, limit: number): void {
  if (best.length === limit && !before(candidate, best[limit - 1]!)) return;
  let index = best.length;
  while (index > 0 && before(candidate, best[index - 1]!)) index--;
  best.splice(index, 0, candidate);
  if (best.length > limit) best.pop();
}
