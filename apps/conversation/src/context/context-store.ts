import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { appendOnce, readEach } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import {
  ConversationRecord,
  DecisionRecord,
  EscalationRecord,
  MessageRecord,
  VariableRecord,
} from '../conversations/conversation.records.js';
import {
  FallbackRecord,
  NoteRecord,
  ProfileRecord,
  SentimentRecord,
} from '../conversations/context.records.js';
import { ContextMemory, contextKinds, type ContextKind } from '../conversations/context-memory.js';
import type { ContextRecords } from './context-records.js';

export interface ConversationKey {
  conversationId: string;
  tenantId: string;
}

/**
 * Reads what a context packet is folded from, when memory does not hold the conversation (after a
 * restart or rebalance, or a desk asking on an instance that does not own it).
 */
@Injectable()
export class ContextStore {
  constructor(
    @InjectModel(ConversationRecord.name) private readonly conversations: Model<ConversationRecord>,
    @InjectModel(MessageRecord.name) private readonly messages: Model<MessageRecord>,
    @InjectModel(VariableRecord.name) private readonly variables: Model<VariableRecord>,
    @InjectModel(EscalationRecord.name) private readonly escalations: Model<EscalationRecord>,
    @InjectModel(DecisionRecord.name) private readonly decisions: Model<DecisionRecord>,
    @InjectModel(FallbackRecord.name) private readonly fallbacks: Model<FallbackRecord>,
    @InjectModel(ProfileRecord.name) private readonly profiles: Model<ProfileRecord>,
    @InjectModel(SentimentRecord.name) private readonly sentiments: Model<SentimentRecord>,
    @InjectModel(NoteRecord.name) private readonly notes: Model<NoteRecord>,
    @Inject(ContextMemory) private readonly memory: ContextMemory,
  ) {}

  async appendSentiments(records: readonly SentimentRecord[]): Promise<void> {
    await appendOnce(this.sentiments, records);
    this.memory.remember('sentiments', records);
  }

  /**
   * The records of each conversation that exists for the tenant asked; others are left out. One
   * query per conversation and collection, by equality, a few conversations at a time.
   */
  async recordsOf(keys: readonly ConversationKey[]): Promise<Map<string, ContextRecords>> {
    const unique = new Map(keys.map((key) => [key.conversationId, key]));
    const found = await readEach([...unique.keys()], async (conversationId) => {
      const records = await this.recordsOfOne(unique.get(conversationId)!);
      return records ? [records] : [];
    });
    return new Map(found.map((records) => [records.conversation._id, records]));
  }

  private async recordsOfOne({
    conversationId,
    tenantId,
  }: ConversationKey): Promise<ContextRecords | undefined> {
    // Decisions about conversations this deployment never stored (another system's, a replay)
    // cost one read, not nine.
    const conversation = await this.conversations.findOne({ _id: conversationId, tenantId }).lean();
    if (!conversation) return undefined;
    const byConversation = { conversationId, tenantId };
    const models = this.models();
    const lists = await Promise.all(
      contextKinds.map((kind) => models[kind].find(byConversation).lean()),
    );
    const records: Record<string, unknown> = Object.fromEntries(
      contextKinds.map((kind, index) => [kind, lists[index]]),
    );
    return { conversation, ...(records as Omit<ContextRecords, 'conversation'>) };
  }

  private models(): Record<ContextKind, Model<{ _id: string }>> {
    return {
      messages: this.messages,
      variables: this.variables,
      escalations: this.escalations,
      decisions: this.decisions,
      fallbacks: this.fallbacks,
      profiles: this.profiles,
      sentiments: this.sentiments,
      notes: this.notes,
    } as unknown as Record<ContextKind, Model<{ _id: string }>>;
  }
}
