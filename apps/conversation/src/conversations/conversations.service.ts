import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type {
  ConversationStarted,
  EscalationRequested,
  MessagePosted,
  RoutingDecided,
  VariableCollected,
} from '@handoff/contracts';
import type { Model } from 'mongoose';
import { Conversation, type ConversationStatus } from './conversation.schema.js';

/** Raised when an event names a conversation that was never started (or another tenant's). */
export class UnknownConversationError extends Error {
  constructor(conversationId: string, tenantId: string) {
    super(`conversation ${conversationId} of tenant ${tenantId} has not started`);
  }
}

/** Statuses a new escalation may move a conversation out of; an assignment is never undone by it. */
const escalatable: ConversationStatus[] = ['bot', 'awaiting_agent'];

/**
 * Every write is a single-document update, idempotent under redelivery: a message is pushed
 * only if its id is not in the transcript yet, a start only creates.
 */
@Injectable()
export class ConversationsService {
  constructor(@InjectModel(Conversation.name) private readonly conversations: Model<Conversation>) {}

  async start(started: ConversationStarted): Promise<void> {
    try {
      await this.conversations.create({
        _id: started.conversationId,
        tenantId: started.tenantId,
        channel: started.channel,
        language: started.language,
        customer: started.customer,
        status: 'bot',
        variables: {},
        transcript: [],
        startedAt: new Date(started.startedAt),
      });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      const existing = await this.conversations.findById(started.conversationId).lean();
      if (existing?.tenantId !== started.tenantId) {
        throw new Error(`conversation ${started.conversationId} already exists for another tenant`);
      }
    }
  }

  async recordMessage(message: MessagePosted): Promise<Conversation> {
    const entry = {
      messageId: message.messageId,
      sender: message.sender,
      text: message.text,
      sentAt: new Date(message.sentAt),
      ...(message.bot ? { bot: message.bot } : {}),
    };
    // `$nor` rather than `$ne` on the array path: FerretDB matches `$ne` when any element differs,
    // which would push a redelivered message again once the transcript holds another one.
    await this.conversations.updateOne(
      { _id: message.conversationId, tenantId: message.tenantId, $nor: [{ 'transcript.messageId': message.messageId }] },
      { $push: { transcript: entry } },
    );
    return this.require(message.conversationId, message.tenantId);
  }

  async collectVariable(variable: VariableCollected): Promise<void> {
    const result = await this.conversations.updateOne(
      { _id: variable.conversationId, tenantId: variable.tenantId },
      { $set: { [`variables.${variable.name}`]: variable.value } },
    );
    if (result.matchedCount === 0) throw new UnknownConversationError(variable.conversationId, variable.tenantId);
  }

  async recordEscalation(escalation: EscalationRequested): Promise<void> {
    const record = {
      escalationId: escalation.escalationId,
      trigger: escalation.trigger.kind,
      explanation: escalation.trigger.explanation,
      matchedText: escalation.trigger.matchedText,
      messageId: escalation.trigger.messageId,
      sentiment: escalation.sentiment,
      requestedAt: new Date(escalation.requestedAt),
    };
    const result = await this.conversations.updateOne(
      { _id: escalation.conversationId, tenantId: escalation.tenantId, status: { $in: escalatable } },
      { $set: { escalation: record, status: 'awaiting_agent' } },
    );
    if (result.matchedCount === 0) await this.require(escalation.conversationId, escalation.tenantId);
  }

  async applyDecision(decision: RoutingDecided): Promise<Conversation> {
    const assignment = {
      decisionId: decision.decisionId,
      outcome: decision.outcome,
      agentId: decision.agent?.agentId,
      agentDisplayName: decision.agent?.displayName,
      queueReason: decision.queue?.reason,
      decidedAt: new Date(decision.decidedAt),
    };
    const status: ConversationStatus = decision.outcome === 'assigned' ? 'assigned' : 'queued';
    // A late "queued" must not overwrite an assignment that already happened.
    const guard = decision.outcome === 'queued' ? { status: { $ne: 'assigned' as ConversationStatus } } : {};
    await this.conversations.updateOne(
      { _id: decision.conversationId, tenantId: decision.tenantId, ...guard },
      { $set: { assignment, status } },
    );
    return this.require(decision.conversationId, decision.tenantId);
  }

  async find(conversationId: string, tenantId: string): Promise<Conversation | null> {
    return this.conversations.findOne({ _id: conversationId, tenantId }).lean();
  }

  private async require(conversationId: string, tenantId: string): Promise<Conversation> {
    const conversation = await this.find(conversationId, tenantId);
    if (!conversation) throw new UnknownConversationError(conversationId, tenantId);
    return conversation;
  }
}
