import { Inject } from '@nestjs/common';
import { Topics, type EscalationRequested } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { applyHolderChange, holderChangeOf } from '../agent-actions/holder.js';
import { ConversationStates } from '../conversations/conversation-states.js';
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
    await this.store.appendEscalations(batch.events.map(({ data }) => escalationRecord(data)));
  }

  @ConsumeEvents(Topics.RoutingDecisions)
  async onRoutingDecisions(
    @Payload() batch: EventBatch<typeof Topics.RoutingDecisions>,
  ): Promise<void> {
    // Decisions from before the channel travelled with them: look it up, once per batch.
    const withoutChannel = batch.events
      .filter(({ data }) => !data.channel)
      .map(({ data }) => data.conversationId);
    const channels = await this.store.channelsOf(withoutChannel);
    const records = batch.events.map(({ data, traceparent }) =>
      this.handoff.applyDecision(
        data,
        data.channel ?? channels.get(data.conversationId) ?? 'web',
        batch,
        traceparent,
      ),
    );
    await this.store.appendDecisions(records);
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
