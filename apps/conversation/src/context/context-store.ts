import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { appendOnce } from '@handoff/service-kit';
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
import type { ContextRecords } from './context-records.js';

export interface ConversationKey {
  conversationId: string;
  tenantId: string;
}

/**
 * Reads what a context packet is folded from. A packet serves an assignment or a person's request,
 * never the per-message path; the conversations of one batch are read together, one query per
 * collection.
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
  ) {}

  async appendSentiments(records: readonly SentimentRecord[]): Promise<void> {
    await appendOnce(this.sentiments, records);
  }

  /** The records of each conversation that exists for the tenant asked; others are left out. */
  async recordsOf(keys: readonly ConversationKey[]): Promise<Map<string, ContextRecords>> {
    const ids = [...new Set(keys.map(({ conversationId }) => conversationId))];
    if (ids.length === 0) return new Map();
    const byConversation = { conversationId: { $in: ids } };
    const [
      started,
      messages,
      variables,
      escalations,
      decisions,
      fallbacks,
      profiles,
      sentiments,
      notes,
    ] = await Promise.all([
      this.conversations.find({ _id: { $in: ids } }).lean(),
      this.messages.find(byConversation).lean(),
      this.variables.find(byConversation).lean(),
      this.escalations.find(byConversation).lean(),
      this.decisions.find(byConversation).lean(),
      this.fallbacks.find(byConversation).lean(),
      this.profiles.find(byConversation).lean(),
      this.sentiments.find(byConversation).lean(),
      this.notes.find(byConversation).lean(),
    ]);
    const found = new Map<string, ContextRecords>();
    for (const conversation of started) {
      if (
        !keys.some(
          (key) =>
            key.conversationId === conversation._id && key.tenantId === conversation.tenantId,
        )
      )
        continue;
      const ofIt = <T extends { conversationId: string; tenantId: string }>(all: T[]) =>
        all.filter(
          (record) =>
            record.conversationId === conversation._id && record.tenantId === conversation.tenantId,
        );
      found.set(conversation._id, {
        conversation,
        messages: ofIt(messages),
        variables: ofIt(variables),
        escalations: ofIt(escalations),
        decisions: ofIt(decisions),
        fallbacks: ofIt(fallbacks),
        profiles: ofIt(profiles),
        sentiments: ofIt(sentiments),
        notes: ofIt(notes),
      });
    }
    return found;
  }
}
