import { Inject } from '@nestjs/common';
import {
  deriveId,
  Topics,
  type EscalationRequested,
  type RoutingDecided,
} from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { applyHolderChange, holderChangeOf } from '../agent-actions/holder.js';
import { ConversationStates } from '../conversations/conversation-states.js';
import type { NoteRecord } from '../conversations/context.records.js';
import type { DecisionRecord, EscalationRecord } from '../conversations/conversation.records.js';
import { ConversationStore } from '../conversations/conversation-store.js';
import { HandoffService } from './handoff.service.js';

/** Follows a conversation through escalation and routing, keeping a record of each. */
@EventConsumer()
export class HandoffConsumer {
  constructor(
    private readonly store: ConversationStore,
    private readonly handoff: HandoffService,
    @Inject(ConversationStates) private readonly states: ConversationStates,
  ) {}

  @ConsumeEvents(Topics.Escalations)
  async onEscalations(@Payload() batch: EventBatch<typeof Topics.Escalations>): Promise<void> {
    const channels = await this.channelsOf(batch.events.map(({ data }) => data));
    await this.store.appendEscalations(batch.events.map(({ data }) => escalationRecord(data)));
    for (const { data, traceparent } of batch.events)
      this.handoff.startHandoff(data, channelOf(data, channels), batch, traceparent);
  }

  @ConsumeEvents(Topics.RoutingDecisions)
  async onRoutingDecisions(
    @Payload() batch: EventBatch<typeof Topics.RoutingDecisions>,
  ): Promise<void> {
    const channels = await this.channelsOf(batch.events.map(({ data }) => data));
    const records = batch.events.map(({ data, traceparent }) =>
      this.handoff.applyDecision(data, channelOf(data, channels), batch, traceparent),
    );
    await Promise.all([
      this.store.appendDecisions(records),
      this.store.appendNotes(batch.events.flatMap(({ data }) => transferNote(data) ?? [])),
    ]);
    this.followHolders(records);
  }

  /** Who holds each conversation now, for agents' commands and the bot's messages. */
  private followHolders(records: readonly DecisionRecord[]): void {
    for (const record of records) {
      const change = holderChangeOf(record);
      const state = change && this.states.get(record.conversationId);
      if (state && state.tenantId === record.tenantId) applyHolderChange(state, change);
    }
  }

  /** Events from before the channel travelled with them: look it up, once per batch. */
  private channelsOf(events: readonly WithChannel[]): Promise<Map<string, string>> {
    return this.store.channelsOf(
      events.filter(({ channel }) => !channel).map(({ conversationId }) => conversationId),
    );
  }
}

interface WithChannel {
  conversationId: string;
  channel?: string;
}

function channelOf(event: WithChannel, looked: Map<string, string>): string {
  return event.channel ?? looked.get(event.conversationId) ?? 'web';
}

function escalationRecord(escalation: EscalationRequested): EscalationRecord {
  return {
    _id: escalation.escalationId,
    conversationId: escalation.conversationId,
    tenantId: escalation.tenantId,
    trigger: escalation.trigger.kind,
    explanation: escalation.trigger.explanation,
    ...(escalation.trigger.matchedText ? { matchedText: escalation.trigger.matchedText } : {}),
    messageId: escalation.trigger.messageId,
    sentiment: escalation.sentiment,
    requestedAt: new Date(escalation.requestedAt),
  };
}

/** The note an agent handed a conversation on with, kept for whoever takes it next. */
function transferNote(decision: RoutingDecided): NoteRecord | undefined {
  const note = decision.outcome === 'transferred' ? decision.transfer?.note : undefined;
  if (!note || !decision.transfer) return undefined;
  return {
    _id: deriveId('note', decision.decisionId),
    conversationId: decision.conversationId,
    tenantId: decision.tenantId,
    agentId: decision.transfer.fromAgentId,
    text: note,
    at: new Date(decision.decidedAt),
  };
}
