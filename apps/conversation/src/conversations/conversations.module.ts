import { Module, type DynamicModule } from '@nestjs/common';
import { ConversationEventsConsumer } from './conversation-events.consumer.js';
import { ConversationStates } from './conversation-states.js';
import { ConversationStoreModule } from './conversation-store.module.js';

@Module({})
export class ConversationsModule {
  static register(options: { cacheSize: number }): DynamicModule {
    return {
      module: ConversationsModule,
      // The conversations in memory are shared with the features that act on them.
      global: true,
      imports: [ConversationStoreModule],
      controllers: [ConversationEventsConsumer],
      providers: [
        { provide: ConversationStates, useValue: new ConversationStates(options.cacheSize) },
      ],
      exports: [ConversationStates],
    };
  }
}
