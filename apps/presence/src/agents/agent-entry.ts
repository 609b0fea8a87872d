import type { ShiftSchedule } from './shift-schedule.js';

/** `online` is what the wire has always said; `available` on input is read as it. */
export const presenceStatuses = ['online', 'away', 'busy', 'wrap_up', 'offline'] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];

/** What an agent brings, as the last status change said. */
export interface AgentProfile {
  agentId: string;
  tenantId: string;
  displayName: string;
  status: PresenceStatus;
  skills: { name: string; proficiency: number }[];
  languages: string[];
  /** Concurrent chats; the chat capacity when `channels` is not given. */
  capacity: number;
  statusChangedAt: Date;
  /** Why the agent is away or offline (a reason code), when the change said. */
  reason?: string;
  /** Concurrent conversations by channel, when the change said (then chat only if listed). */
  channels?: ChannelCapacity[];
  /** Teams the agent belongs to, when the change said. */
  teams?: string[];
  /** The producer's count of the agent's changes, the last one known. */
  sequence?: number;
  /** Wrap-up after each conversation, when the change said (else presence's default). */
  wrapUpSeconds?: number;
  /** When a wrap-up ends by itself (status wrap_up only). */
  wrapUpEndsAt?: Date;
}

export interface ChannelCapacity {
  name: string;
  capacity: number;
}

/** The channel a conversation without one is on. */
export const defaultChannel = 'chat';

export function channelOf(name: string | undefined): string {
  return name || defaultChannel;
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
  channels: ChannelCapacity[] | undefined;
  teams: string[] | undefined;
  sequence: number | undefined;
  wrapUpSeconds: number | undefined;
  wrapUpEndsAt: Date | undefined;
  /** The shifts outside which the agent takes nothing new; undefined, not restricted. */
  schedule: ShiftSchedule | undefined = undefined;
  /** Capacity by channel: `channels`, or `capacity` as chat. */
  channelCapacity = new Map<string, number>();
  teamSet = new Set<string>();
  /** Proficiency by skill name, for matching without scanning the skill list. */
  skillLevels = new Map<string, number>();
  /** Language tags as spoken, lower case (`pt-br`), and their primary subtags (`pt`). */
  languageTags = new Set<string>();
  primaryLanguages = new Set<string>();
  /** Conversations holding one of the agent's slots, with the channel of the slot. */
  readonly conversations = new Map<string, string>();
  /** Slots in use by channel. */
  private readonly inUse = new Map<string, number>();
  lastAssignedAt = 0;
  /** The id of the last change applied, when known. */
  changeId: string | undefined;
  /** When the agent last had no conversation: their last one ended, or they came online. */
  idleSince = 0;

  constructor(profile: AgentProfile) {
    this.update(profile);
  }

  /** Free chat slots. */
  get freeSlots(): number {
    return this.freeSlotsOn(defaultChannel);
  }

  /** The agent's capacity on a channel, or undefined when they do not take that channel. */
  capacityOn(channel: string): number | undefined {
    return this.channelCapacity.get(channel);
  }

  inUseOn(channel: string): number {
    return this.inUse.get(channel) ?? 0;
  }

  freeSlotsOn(channel: string): number {
    if (this.status !== 'online') return 0;
    return Math.max(0, (this.capacityOn(channel) ?? 0) - this.inUseOn(channel));
  }

  hold(conversationId: string, channel: string): void {
    if (this.conversations.has(conversationId)) return;
    this.conversations.set(conversationId, channel);
    this.inUse.set(channel, this.inUseOn(channel) + 1);
  }

  /** Frees the conversation's slot; false when it held none of this agent's. */
  free(conversationId: string): boolean {
    const channel = this.conversations.get(conversationId);
    if (channel === undefined) return false;
    this.conversations.delete(conversationId);
    this.inUse.set(channel, this.inUseOn(channel) - 1);
    return true;
  }

  /** Each channel the agent takes, with its slots now. */
  channelSlots(): { name: string; capacity: number; inUse: number; freeSlots: number }[] {
    return [...this.channelCapacity].map(([name, capacity]) => ({
      name,
      capacity,
      inUse: this.inUseOn(name),
      freeSlots: this.freeSlotsOn(name),
    }));
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
    return {
      ...profile,
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.channels ? { channels: this.channels } : {}),
      ...(this.teams ? { teams: this.teams } : {}),
      ...(this.sequence !== undefined ? { sequence: this.sequence } : {}),
      ...(this.wrapUpSeconds !== undefined ? { wrapUpSeconds: this.wrapUpSeconds } : {}),
      ...(this.wrapUpEndsAt ? { wrapUpEndsAt: this.wrapUpEndsAt } : {}),
    };
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
    this.channels = profile.channels;
    this.teams = profile.teams;
    // A change that does not count keeps the count known, so a late counted one is still recognised.
    this.sequence = profile.sequence ?? this.sequence;
    this.wrapUpSeconds = profile.wrapUpSeconds;
    this.wrapUpEndsAt = profile.status === 'wrap_up' ? profile.wrapUpEndsAt : undefined;
    this.channelCapacity = new Map(
      (profile.channels ?? [{ name: defaultChannel, capacity: profile.capacity }]).map(
        ({ name, capacity }) => [name, capacity],
      ),
    );
    this.teamSet = new Set(profile.teams);
    this.skillLevels = new Map(profile.skills.map(({ name, proficiency }) => [name, proficiency]));
    this.languageTags = new Set(profile.languages.map((tag) => tag.toLowerCase()));
    this.primaryLanguages = new Set(profile.languages.map(primaryLanguage));
    return this;
  }
}
