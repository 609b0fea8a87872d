import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConversationStates } from './conversation-states.js';

/**
 * The conversations this instance holds in memory, shared by the features that act on them:
 * ingest, routing's decisions (who holds each one), agents' commands and retention.
 */
@Global()
@Module({})
export class ConversationStatesModule {
  static register(options: { cacheSize: number }): DynamicModule {
    return {
      module: ConversationStatesModule,
      providers: [
        { provide: ConversationStates, useValue: new ConversationStates(options.cacheSize) },
      ],
      exports: [ConversationStates],
    };
  }
}
