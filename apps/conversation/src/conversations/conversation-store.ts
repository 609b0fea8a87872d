import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { RejectedEventError } from '@handoff/messaging';
import { appendOnce, readEach } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import {
  emptyVariables,
  setVariable,
  type ConversationState,
  type VariableValue,
} from './conversation-states.js';
import { foldHolder, holderChangeOf, openSurveyOf } from '../agent-actions/holder.js';
import {
  ConversationRecord,
  CsatRecord,
  DecisionRecord,
  EscalationRecord,
  MessageRecord,
  ReleaseRecord,
  VariableRecord,
} from './conversation.records.js';
import { FallbackRecord, NoteRecord, ProfileRecord } from './context.records.js';
import { conversationView, type ConversationView } from './conversation-view.js';
import { ContextMemory } from './context-memory.js';

/**
 * The conversation service's records in the store. Writes are batched inserts by deterministic
 * id: a record already there (a redelivery) is skipped, never rewritten. Reads serve a person's
 * request or refill memory after a restart or rebalance; the hot path does not read. What a context
 * packet is built from is remembered as it is stored (see ContextMemory).
 */
@Injectable()
export class ConversationStore {
  constructor(
    @InjectModel(ConversationRecord.name) private readonly conversations: Model<ConversationRecord>,
    @InjectModel(MessageRecord.name) private readonly messages: Model<MessageRecord>,
    @InjectModel(VariableRecord.name) private readonly variables: Model<VariableRecord>,
    @InjectModel(EscalationRecord.name) private readonly escalations: Model<EscalationRecord>,
    @InjectModel(DecisionRecord.name) private readonly decisions: Model<DecisionRecord>,
    @InjectModel(NoteRecord.name) private readonly notes: Model<NoteRecord>,
    @InjectModel(ReleaseRecord.name) private readonly releases: Model<ReleaseRecord>,
    @InjectModel(CsatRecord.name) private readonly csat: Model<CsatRecord>,
    @InjectModel(FallbackRecord.name) private readonly fallbacks: Model<FallbackRecord>,
    @InjectModel(ProfileRecord.name) private readonly profiles: Model<ProfileRecord>,
    @Inject(ContextMemory) private readonly memory: ContextMemory,
  ) {}

  /**
   * New conversations; one whose id another tenant already uses is refused. Returns the ids that
   * were already stored for the same tenant (a start sent again), which only then costs a read.
   * `partition` is the one of handoff.conversation.events.v1 they came on.
   */
  async appendConversations(
    records: readonly ConversationRecord[],
    partition: number,
  ): Promise<string[]> {
    const existing = await appendOnce(this.conversations, records);
    const before = new Set(existing);
    for (const record of records)
      if (!before.has(record._id)) this.memory.started(record, partition);
    if (existing.length === 0) return [];
    const owners = await readEach(existing, (_id) =>
      this.conversations.find({ _id }, { tenantId: 1 }).lean(),
    );
    for (const owner of owners) {
      const wanted = records.find((record) => record._id === owner._id);
      if (wanted && wanted.tenantId !== owner.tenantId)
        throw new RejectedEventError(`conversation ${owner._id} already exists for another tenant`);
    }
    return existing;
  }

  async appendMessages(records: readonly MessageRecord[]): Promise<void> {
    await appendOnce(this.messages, records);
    this.memory.remember('messages', records);
  }

  async appendVariables(records: readonly VariableRecord[]): Promise<void> {
    await appendOnce(this.variables, records);
    this.memory.remember('variables', records);
  }

  async appendEscalations(records: readonly EscalationRecord[]): Promise<void> {
    await appendOnce(this.escalations, records);
    this.memory.remember('escalations', records);
  }

  async appendFallbacks(records: readonly FallbackRecord[]): Promise<void> {
    await appendOnce(this.fallbacks, records);
    this.memory.remember('fallbacks', records);
  }

  async appendProfiles(records: readonly ProfileRecord[]): Promise<void> {
    await appendOnce(this.profiles, records);
    this.memory.remember('profiles', records);
  }

  async appendDecisions(records: readonly DecisionRecord[]): Promise<void> {
    await appendOnce(this.decisions, records);
    this.memory.remember('decisions', records);
  }

  async appendNotes(records: readonly NoteRecord[]): Promise<void> {
    await appendOnce(this.notes, records);
    this.memory.remember('notes', records);
  }

  async appendReleases(records: readonly ReleaseRecord[]): Promise<void> {
    await appendOnce(this.releases, records);
  }

  /** Satisfaction answers; a conversation's first one counts, later ones are skipped. */
  async appendCsat(records: readonly CsatRecord[]): Promise<void> {
    await appendOnce(this.csat, records);
  }

  /** Releases already stored for these ids: their commands were done before (a redelivery). */
  async releasesById(ids: readonly string[]): Promise<Map<string, ReleaseRecord>> {
    if (ids.length === 0) return new Map();
    const found = await readEach(ids, (_id) => this.releases.find({ _id }).lean());
    return new Map(found.map((release) => [release._id, release]));
  }

  /** The first escalation of each conversation: why it reached an agent. */
  async firstEscalations(
    conversationIds: readonly string[],
  ): Promise<Map<string, EscalationRecord>> {
    if (conversationIds.length === 0) return new Map();
    const found = await readEach(conversationIds, (conversationId) =>
      this.escalations.find({ conversationId }).sort({ requestedAt: 1 }).lean(),
    );
    const first = new Map<string, EscalationRecord>();
    for (const escalation of found)
      if (!first.has(escalation.conversationId)) first.set(escalation.conversationId, escalation);
    return first;
  }

  /** The in-memory state of conversations, rebuilt from their records (started ones only). */
  async loadStates(conversationIds: readonly string[]): Promise<Map<string, ConversationState>> {
    if (conversationIds.length === 0) return new Map();
    const each = <T>(read: (byConversation: { conversationId: string }) => Promise<T[]>) =>
      readEach(conversationIds, (conversationId) => read({ conversationId }));
    const [started, collected, decided, released, answered, fallbacks] = await Promise.all([
      readEach(conversationIds, (_id) => this.conversations.find({ _id }).lean()),
      each((byConversation) => this.variables.find(byConversation).sort({ seq: 1 }).lean()),
      each((byConversation) => this.decisions.find(byConversation).lean()),
      each((byConversation) => this.releases.find(byConversation).sort({ at: 1 }).lean()),
      each((byConversation) => this.csat.find(byConversation, { conversationId: 1 }).lean()),
      each((byConversation) =>
        this.fallbacks.find(byConversation, { conversationId: 1, tenantId: 1 }).lean(),
      ),
    ]);
    const states = new Map<string, ConversationState>(
      started.map((conversation) => [
        conversation._id,
        {
          tenantId: conversation.tenantId,
          language: conversation.language,
          channel: conversation.channel,
          variables: emptyVariables(),
          ...(conversation.customer?.tier ? { customerTier: conversation.customer.tier } : {}),
        },
      ]),
    );
    for (const variable of collected) {
      const state = states.get(variable.conversationId);
      if (state?.tenantId === variable.tenantId)
        setVariable(state.variables, variable.name, variable.value as VariableValue);
    }
    const answeredIds = new Set(answered.map(({ conversationId }) => conversationId));
    for (const [conversationId, state] of states) {
      const mine = <T extends { conversationId: string; tenantId: string }>(record: T) =>
        record.conversationId === conversationId && record.tenantId === state.tenantId;
      const releases = released.filter(mine);
      state.fallbacks = fallbacks.filter(mine).length;
      foldHolder(state, [
        ...decided.filter(mine).flatMap((decision) => holderChangeOf(decision) ?? []),
        ...releases.map((release) => ({ kind: 'released' as const, at: release.at.getTime() })),
      ]);
      const resolution = releases.filter(({ kind }) => kind === 'resolved').at(-1);
      const survey = openSurveyOf(resolution, answeredIds.has(conversationId));
      if (survey) state.survey = survey;
    }
    return states;
  }

  /** The channel of each conversation, for events from producers that did not carry it. */
  async channelsOf(conversationIds: readonly string[]): Promise<Map<string, string>> {
    if (conversationIds.length === 0) return new Map();
    const found = await readEach(conversationIds, (_id) =>
      this.conversations.find({ _id }, { channel: 1 }).lean(),
    );
    return new Map(found.map((conversation) => [conversation._id, conversation.channel]));
  }

  /** The conversation as an agent reads it, or null if the tenant has no such conversation. */
  async view(conversationId: string, tenantId: string): Promise<ConversationView | null> {
    const conversation = await this.conversations.findOne({ _id: conversationId, tenantId }).lean();
    if (!conversation) return null;
    const byConversation = { conversationId, tenantId };
    const [messages, variables, escalations, decisions] = await Promise.all([
      this.messages.find(byConversation).lean(),
      this.variables.find(byConversation).lean(),
      this.escalations.find(byConversation).lean(),
      this.decisions.find(byConversation).lean(),
    ]);
    return conversationView(conversation, { messages, variables, escalations, decisions });
  }
}
