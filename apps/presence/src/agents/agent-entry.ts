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
  /** Why the agent is away or offline (a reason code), when the change said. */
  reason?: string;
}

/** Where an agent or a conversation lives: ids are unique only within their tenant. */
export function tenantKey(tenantId: string, id: string): string {
  return `${tenantId}\u0000${id}`;
}

/** The primary subtag of a BCP 47 tag, lower case: `pt` for `pt-BR`. */
export function primaryLanguage(tag: string): string {
  const dash = tag.indexOf('-');
  return (dash < 0 ? tag : tag.slice(0, dash)).toLowerCase();
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
  reason: string | undefined;
  /** Proficiency by skill name, for matching without scanning the skill list. */
  skillLevels = new Map<string, number>();
  /** Language tags as spoken, lower case (`pt-br`), and their primary subtags (`pt`). */
  languageTags = new Set<string>();
  primaryLanguages = new Set<string>();
  /** Conversations holding one of the agent's chat slots. */
  readonly conversations = new Set<string>();
  lastAssignedAt = 0;
  /** When the agent last had no conversation: their last one ended, or they came online. */
  idleSince = 0;

  constructor(profile: AgentProfile) {
    this.update(profile);
  }

  get freeSlots(): number {
    return this.status === 'online' ? Math.max(0, this.capacity - this.conversations.size) : 0;
  }

  /** What the last status change said, without the slots in use. */
  profile(): AgentProfile {
    const { agentId, tenantId, displayName, status, skills, languages, capacity, statusChangedAt } =
      this;
    const profile = {
      agentId,
      tenantId,
      displayName,
      status,
      skills,
      languages,
      capacity,
      statusChangedAt,
    };
    return this.reason ? { ...profile, reason: this.reason } : profile;
  }

  update(profile: AgentProfile): this {
    if (profile.status === 'online' && this.status !== 'online')
      this.idleSince = profile.statusChangedAt.getTime();
    this.agentId = profile.agentId;
    this.tenantId = profile.tenantId;
    this.displayName = profile.displayName;
    this.status = profile.status;
    this.skills = profile.skills;
    this.languages = profile.languages;
    this.capacity = profile.capacity;
    this.statusChangedAt = profile.statusChangedAt;
    this.reason = profile.reason;
    this.skillLevels = new Map(profile.skills.map(({ name, proficiency }) => [name, proficiency]));
    this.languageTags = new Set(profile.languages.map((tag) => tag.toLowerCase()));
    this.primaryLanguages = new Set(profile.languages.map(primaryLanguage));
    return this;
  }
}
