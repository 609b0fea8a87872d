import { Module } from '@nestjs/common';
import { ConversationStoreModule } from '../conversations/conversation-store.module.js';
import { AgentActionsConsumer } from './agent-actions.consumer.js';

/** What agents do with a conversation they hold, as commands from any desk. */
@Module({
  imports: [ConversationStoreModule],
  controllers: [AgentActionsConsumer],
})
export class AgentActionsModule {}
