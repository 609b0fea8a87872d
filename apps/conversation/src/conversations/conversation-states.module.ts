import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ContextMemory } from './context-memory.js';
import { ConversationStates } from './conversation-states.js';

/**
 * The conversations this instance holds in memory, shared by the features that act on them:
 * ingest, routing's decisions (who holds each one), agents' commands and retention; and the records
 * their context packets are built from.
 */
@Global()
@Module({})
export class ConversationStatesModule {
  static register(options: { cacheSize: number; contextCacheSize?: number }): DynamicModule {
    return {
      module: ConversationStatesModule,
      providers: [
        { provide: ConversationStates, useValue: new ConversationStates(options.cacheSize) },
        {
          provide: ContextMemory,
          useValue: new ContextMemory(options.contextCacheSize ?? options.cacheSize),
        },
      ],
      exports: [ConversationStates, ContextMemory],
    };
  }
}
