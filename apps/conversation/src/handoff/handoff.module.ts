import { Module } from '@nestjs/common';
import { ConversationStoreModule } from '../conversations/conversation-store.module.js';
import { HandoffConsumer } from './handoff.consumer.js';
import { HandoffService } from './handoff.service.js';

@Module({
  imports: [ConversationStoreModule],
  controllers: [HandoffConsumer],
  providers: [HandoffService],
})
export class HandoffModule {}
