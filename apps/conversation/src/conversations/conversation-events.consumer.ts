import {
  Topics,
  conversationStartedType,
  deriveId,
  messagePostedType,
  messageRecordedType,
  variableCollectedType,
  type MessagePosted,
} from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch, type EventSink } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { ConversationsService } from './conversations.service.js';

/** What the bot platform tells us: conversations starting, messages, collected variables. */
@EventConsumer()
export class ConversationEventsConsumer {
  constructor(private readonly conversations: ConversationsService) {}

  @ConsumeEvents(Topics.ConversationEvents)
  async onConversationEvents(
    @Payload() batch: EventBatch<typeof Topics.ConversationEvents>,
  ): Promise<void> {
    for (const event of batch.events) {
      switch (event.type) {
        case conversationStartedType:
          await this.conversations.start(event.data);
          break;
        case messagePostedType:
          await this.recordAndForward(event.data, batch, event.traceparent);
          break;
        case variableCollectedType:
          await this.conversations.collectVariable(event.data);
          break;
      }
    }
  }

  /** Stores the message, then hands it to evaluation with the context triggers need. */
  private async recordAndForward(
    message: MessagePosted,
    sink: EventSink,
    traceparent?: string,
  ): Promise<void> {
    const conversation = await this.conversations.recordMessage(message);
    sink.emit(
      messageRecordedType,
      {
        conversationId: message.conversationId,
        tenantId: message.tenantId,
        language: conversation.language,
        channel: conversation.channel,
        message: {
          messageId: message.messageId,
          sender: message.sender,
          text: message.text,
          sentAt: message.sentAt,
        },
        variables: conversation.variables ?? {},
      },
      {
        id: deriveId('recorded', message.conversationId, message.messageId),
        ...(traceparent ? { traceparent } : {}),
      },
    );
  }
}
