import { Module } from '@nestjs/common';
import { ConversationEventsConsumer } from './conversation-events.consumer.js';
import { ConversationStoreModule } from './conversation-store.module.js';

/** What the bot platform reports, ingested into memory and the store. */
@Module({
  imports: [ConversationStoreModule],
  controllers: [ConversationEventsConsumer],
})
export class ConversationsModule {}
