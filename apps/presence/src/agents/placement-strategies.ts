import type { Ranked } from './candidate-ranking.js';

/** How a placement chooses among the free agents who fit. */
export const placementStrategies = [
  'most_skilled',
  'longest_idle',
  'least_loaded',
  'round_robin',
  'preferred_agent',
] as const;

export type PlacementStrategy = (typeof placementStrategies)[number];

/** True when `a` is to be chosen before `b`. */
export type RankOrder = (a: Ranked, b: Ranked) => boolean;

/** The strategy a placement names; empty or unknown (a newer caller) means most_skilled. */
export function strategyOf(name: string | undefined): PlacementStrategy {
  return placementStrategies.find((strategy) => strategy === name) ?? 'most_skilled';
}

/**
 * Where a placement accepts other languages, an agent of the language asked for first goes before
 * one of another language once the strategy's own keys are equal, and before the tie-breaks
 * (least recently assigned, id): the strategy still decides, the language settles what it leaves
 * open. Every order below puts it there.
 */
function askedLanguageFirst(a: Ranked, b: Ranked): boolean | undefined {
  return a.askedLanguage === b.askedLanguage ? undefined : a.askedLanguage;
}

/**
 * Most proficient, then one who speaks the language asked for first, then its exact variant, then
 * least loaded, then longest since an assignment, then by id.
 */
export const mostSkilledFirst: RankOrder = (a, b) => {
  if (a.proficiency !== b.proficiency) return a.proficiency > b.proficiency;
  const byLanguage = askedLanguageFirst(a, b);
  if (byLanguage !== undefined) return byLanguage;
  if (a.exactLanguage !== b.exactLanguage) return a.exactLanguage;
  if (a.load !== b.load) return a.load < b.load;
  return leastRecentlyAssignedFirst(a, b);
};

/**
 * Agents with no conversation first, the longest idle of them first (idle since their last
 * conversation ended or they came online); then the others; then the language asked for first,
 * least recently assigned.
 */
export const longestIdleFirst: RankOrder = (a, b) => {
  const aIdle = a.agent.conversations.size === 0;
  const bIdle = b.agent.conversations.size === 0;
  if (aIdle !== bIdle) return aIdle;
  if (aIdle && a.agent.idleSince !== b.agent.idleSince)
    return a.agent.idleSince < b.agent.idleSince;
  return askedLanguageFirst(a, b) ?? leastRecentlyAssignedFirst(a, b);
};

/**
 * Lowest share of capacity in use, then most proficient, then the language asked for first,
 * least recently assigned.
 */
export const leastLoadedFirst: RankOrder = (a, b) => {
  if (a.load !== b.load) return a.load < b.load;
  if (a.proficiency !== b.proficiency) return a.proficiency > b.proficiency;
  return askedLanguageFirst(a, b) ?? leastRecentlyAssignedFirst(a, b);
};

/**
 * Least recently assigned, then the language asked for first (among agents never or equally
 * lately assigned), then by id: successive placements go round the agents who fit.
 */
export const leastRecentlyAssignedFirst: RankOrder = (a, b) => {
  if (a.agent.lastAssignedAt !== b.agent.lastAssignedAt)
    return a.agent.lastAssignedAt < b.agent.lastAssignedAt;
  return askedLanguageFirst(a, b) ?? a.agent.agentId < b.agent.agentId;
};

/** The order a strategy searches in; preferred_agent falls back on most_skilled. */
export function rankOrderOf(strategy: PlacementStrategy): RankOrder {
  switch (strategy) {
    case 'longest_idle':
      return longestIdleFirst;
    case 'least_loaded':
      return leastLoadedFirst;
    case 'round_robin':
      return leastRecentlyAssignedFirst;
    default:
      return mostSkilledFirst;
  }
}
