import { Inject, type OnModuleInit } from '@nestjs/common';
import {
  conversationClosedType,
  csatRecordedType,
  messageRecordedType,
  Topics,
} from '@handoff/contracts';
import { meter } from '@handoff/service-kit';
import {
  ConsumeEvents,
  EventConsumer,
  PartitionOwnership,
  type EventBatch,
} from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { ContextMemory } from './context-memory.js';
import { ConversationStates, copyVariables } from './conversation-states.js';
import { ConversationStore } from './conversation-store.js';
import { conversationsToLoad, ingest } from './ingest.js';

const refusedBotMessages = meter().createCounter('handoff_bot_messages_refused_total', {
  description: 'Bot messages for conversations a human agent holds, not taken in, by tenant',
});

/**
 * What the bot platform tells us: conversations starting and ending, messages, collected variables. The
 * conversations of the partitions this instance owns live in memory; a batch is applied there,
 * appended to the store in a few inserts, and each message republished with its context.
 */
@EventConsumer()
export class ConversationEventsConsumer implements OnModuleInit {
  constructor(
    private readonly store: ConversationStore,
    @Inject(ConversationStates) private readonly states: ConversationStates,
    @Inject(ContextMemory) private readonly memory: ContextMemory,
    private readonly ownership: PartitionOwnership,
  ) {}

  onModuleInit(): void {
    this.ownership.onRevoked((topic, partitions) => {
      if (topic !== Topics.ConversationEvents) return;
      this.states.forgetPartitions(partitions);
      this.memory.forgetPartitions(partitions);
    });
  }

  @ConsumeEvents(Topics.ConversationEvents)
  async onConversationEvents(
    @Payload() batch: EventBatch<typeof Topics.ConversationEvents>,
  ): Promise<void> {
    // Memory must not run ahead of the store: if anything below fails, these come back from it.
    const touched = new Set<string>();
    batch.onFailure(() => touched.forEach((conversationId) => this.states.delete(conversationId)));
    const loaded = await this.store.loadStates(conversationsToLoad(batch.events, this.states));

    const ingested = ingest(
      batch.events,
      batch.offsets,
      batch.partition,
      this.states,
      loaded,
      touched,
    );
    const startedBefore = await this.store.appendConversations(
      ingested.conversations,
      batch.partition,
    );
    await Promise.all([
      this.store.appendMessages(ingested.messages),
      this.store.appendVariables(ingested.variables),
      this.store.appendCsat(ingested.csat),
      this.store.appendFallbacks(ingested.fallbacks),
      this.store.appendProfiles(ingested.profiles),
    ]);
    await this.adoptStored(startedBefore);
    for (const { data, id, traceparent } of ingested.recorded) {
      batch.emit(messageRecordedType, data, { id, ...(traceparent ? { traceparent } : {}) });
    }
    for (const { data, id } of ingested.closed) batch.emit(conversationClosedType, data, { id });
    // A closed conversation gets no more offers: its context is read from the store if asked for.
    this.memory.forget(ingested.closed.map(({ data }) => data.conversationId));
    for (const { data, id } of ingested.feedback) batch.emit(csatRecordedType, data, { id });
    for (const [tenant, count] of ingested.refusedBotMessages)
      refusedBotMessages.add(count, { tenant });
  }

  /**
   * A start sent again for a conversation memory no longer held began afresh here; the stored
   * conversation wins (its language, channel and earlier variables) from the next batch on.
   */
  private async adoptStored(conversationIds: readonly string[]): Promise<void> {
    if (conversationIds.length === 0) return;
    for (const [conversationId, stored] of await this.store.loadStates(conversationIds)) {
      const state = this.states.get(conversationId);
      if (!state) continue;
      Object.assign(state, {
        language: stored.language,
        channel: stored.channel,
        variables: { ...stored.variables, ...copyVariables(state.variables) },
      });
    }
  }
}
