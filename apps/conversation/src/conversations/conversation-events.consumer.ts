import { Controller } from '@nestjs/common';
import {
  Topics,
  conversationStartedType,
  deriveId,
  messagePostedType,
  messageRecordedType,
  variableCollectedType,
  type MessagePosted,
} from '@handoff/contracts';
import { EventPublisher, InboundEvents } from '@handoff/messaging';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ConversationsService } from './conversations.service.js';

/** What the bot platform tells us: conversations starting, messages, collected variables. */
@Controller()
export class ConversationEventsConsumer {
  constructor(
    private readonly inbound: InboundEvents,
    private readonly conversations: ConversationsService,
    private readonly publisher: EventPublisher,
  ) {}

  @EventPattern(Topics.ConversationEvents)
  async onConversationEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.inbound.handle(Topics.ConversationEvents, context, async (event) => {
      switch (event.type) {
        case conversationStartedType:
          return this.conversations.start(event.data);
        case messagePostedType:
          return this.recordAndForward(event.data);
        case variableCollectedType:
          return this.conversations.collectVariable(event.data);
      }
    });
  }

  /** Stores the message, then hands it to evaluation with the context triggers need. */
  private async recordAndForward(message: MessagePosted): Promise<void> {
    const conversation = await this.conversations.recordMessage(message);
    await this.publisher.emit(
      messageRecordedType,
      {
        conversationId: message.conversationId,
        tenantId: message.tenantId,
        language: conversation.language,
        channel: conversation.channel,
        message: { messageId: message.messageId, sender: message.sender, text: message.text, sentAt: message.sentAt },
        variables: conversation.variables ?? {},
      },
      deriveId('recorded', message.conversationId, message.messageId),
    );
  }
}
