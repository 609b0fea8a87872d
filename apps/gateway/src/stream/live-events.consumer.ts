import { Topics, type CloudEvent, type EventTopic } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { PendingCommands, type AnyCommandResult } from '../commands/pending-commands.js';
import { StreamHub } from './stream-hub.js';

/**
 * Reads, in this instance's own group, every topic a desk follows: each event goes to the stream,
 * and command results also answer the HTTP calls waiting for them.
 */
@EventConsumer()
export class LiveEventsConsumer {
  constructor(
    private readonly hub: StreamHub,
    private readonly pending: PendingCommands,
  ) {}

  @ConsumeEvents(Topics.AgentCommandResults)
  onResults(batch: EventBatch<typeof Topics.AgentCommandResults>): void {
    for (const event of batch.events) this.pending.settle(event.data as AnyCommandResult);
    this.stream(batch);
  }

  @ConsumeEvents(Topics.RoutingDecisions)
  onDecisions(batch: EventBatch<typeof Topics.RoutingDecisions>): void {
    this.stream(batch);
  }

  @ConsumeEvents(Topics.ConversationContext)
  onContext(batch: EventBatch<typeof Topics.ConversationContext>): void {
    this.stream(batch);
  }

  @ConsumeEvents(Topics.CustomerNotifications)
  onNotifications(batch: EventBatch<typeof Topics.CustomerNotifications>): void {
    this.stream(batch);
  }

  @ConsumeEvents(Topics.AgentMessages)
  onAgentMessages(batch: EventBatch<typeof Topics.AgentMessages>): void {
    this.stream(batch);
  }

  /**
   * That the customer or the bot wrote, without what: the text reaches the desk through the
   * conversation service, which shows agents what their tenant allows them to read.
   */
  @ConsumeEvents(Topics.ConversationMessages)
  onMessages(batch: EventBatch<typeof Topics.ConversationMessages>): void {
    for (const event of batch.events) {
      const { conversationId, tenantId, message } = event.data;
      const { messageId, sender, sentAt } = message;
      const notice = { conversationId, tenantId, message: { messageId, sender, sentAt } };
      this.hub.publish(batch.topic, { ...event, data: notice } as CloudEvent);
    }
  }

  @ConsumeEvents(Topics.AgentAvailability)
  onAvailability(batch: EventBatch<typeof Topics.AgentAvailability>): void {
    this.stream(batch);
  }

  private stream(batch: EventBatch<EventTopic>): void {
    for (const event of batch.events) this.hub.publish(batch.topic, event as CloudEvent);
  }
}
