import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { HandoffConsumer } from './handoff.consumer.js';
import { HandoffService } from './handoff.service.js';

@Module({
  imports: [ConversationsModule],
  controllers: [HandoffConsumer],
  providers: [HandoffService],
})
export class HandoffModule {}
