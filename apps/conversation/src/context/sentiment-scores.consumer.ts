import { deriveId, Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { ContextStore } from './context-store.js';

/**
 * The sentiment of each customer message, kept for the packet's trajectory. Scores are appended
 * whether or not the conversation is known yet: they travel on their own topic and may arrive
 * before its messages; they are read by conversation and tenant.
 */
@EventConsumer()
export class SentimentScoresConsumer {
  constructor(private readonly store: ContextStore) {}

  @ConsumeEvents(Topics.SentimentScores)
  async onSentimentScores(
    @Payload() batch: EventBatch<typeof Topics.SentimentScores>,
  ): Promise<void> {
    await this.store.appendSentiments(
      batch.events.map(({ data }) => ({
        _id: deriveId('sentiment', data.conversationId, data.messageId),
        conversationId: data.conversationId,
        tenantId: data.tenantId,
        messageId: data.messageId,
        score: data.sentiment.score,
        label: data.sentiment.label,
        scoredAt: new Date(data.scoredAt),
      })),
    );
  }
}
