import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@handoff/messaging';
import { HealthModule, MetricsModule, MongoModule } from '@handoff/service-kit';
import type { ConversationConfig } from './config.js';
import { ContextModule } from './context/context.module.js';
import { ConversationsModule } from './conversations/conversations.module.js';
import { HandoffModule } from './handoff/handoff.module.js';

@Module({})
export class ConversationAppModule {
  static forRoot(config: ConversationConfig): DynamicModule {
    return {
      module: ConversationAppModule,
      imports: [
        HealthModule,
        MetricsModule,
        MongoModule.forRoot(config.mongo),
        MessagingModule.forRoot(config.messaging),
        ConversationsModule.register({ cacheSize: config.cacheSize }),
        HandoffModule,
        ContextModule.register(config.context),
      ],
    };
  }
}
