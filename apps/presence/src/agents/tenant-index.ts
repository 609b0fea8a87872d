import type { SkillRequirement } from '@handoff/contracts';
import type { AgentEntry } from './agent-entry.js';

/**
 * One tenant's agents, bucketed by what a search asks for: by language (primary subtag), and by
 * language and skill. A search walks the smallest bucket that can hold a match instead of every
 * agent of the tenant, so it stays fast at tens of thousands of agents. Buckets hold agents whatever
 * their status; the search checks status and slots. Kept current on every profile change.
 */
export class TenantIndex {
  online = 0;
  private readonly byLanguage = new Map<string, Set<AgentEntry>>();
  private readonly byLanguageSkill = new Map<string, Set<AgentEntry>>();

  add(agent: AgentEntry): void {
    this.bucket(agent);
  }

  /** Re-files an agent around a change of profile: `change` updates the entry in place. */
  change(agent: AgentEntry, change: () => void): void {
    const wasOnline = agent.status === 'online';
    this.unbucket(agent);
    change();
    this.bucket(agent, wasOnline);
  }

  /** The agents a search for this language and these skills must look at: the fewest that can match. */
  candidates(primaryLanguage: string, skills: readonly SkillRequirement[]): Iterable<AgentEntry> {
    let smallest = this.byLanguage.get(primaryLanguage);
    for (const { name } of skills) {
      const bucket = this.byLanguageSkill.get(skillKey(primaryLanguage, name ?? ''));
      if (!bucket) return [];
      if (!smallest || bucket.size < smallest.size) smallest = bucket;
    }
    return smallest ?? [];
  }

  private bucket(agent: AgentEntry, wasOnline = false): void {
    if (agent.status === 'online' && !wasOnline) this.online++;
    if (agent.status !== 'online' && wasOnline) this.online--;
    for (const language of agent.primaryLanguages) {
      setIn(this.byLanguage, language).add(agent);
      for (const skill of agent.skillLevels.keys())
        setIn(this.byLanguageSkill, skillKey(language, skill)).add(agent);
    }
  }

  private unbucket(agent: AgentEntry): void {
    for (const language of agent.primaryLanguages) {
      this.byLanguage.get(language)?.delete(agent);
      for (const skill of agent.skillLevels.keys())
        this.byLanguageSkill.get(skillKey(language, skill))?.delete(agent);
    }
  }
}

function skillKey(language: string, skill: string): string {
  return `${language}\u0000${skill}`;
}

function setIn<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
