import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationEventsConsumer } from './conversation-events.consumer.js';
import { Conversation, ConversationSchema } from './conversation.schema.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsService } from './conversations.service.js';

@Module({
  imports: [MongooseModule.forFeature([{ name: Conversation.name, schema: ConversationSchema }])],
  controllers: [ConversationsController, ConversationEventsConsumer],
  providers: [ConversationsService],
  exports: [ConversationsService],
})
export class ConversationsModule {}
