import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@handoff/messaging';
import { HealthModule, MetricsModule, MongoModule } from '@handoff/service-kit';
import type { ConversationConfig } from './config.js';
import { AgentActionsModule } from './agent-actions/agent-actions.module.js';
import { ContextModule } from './context/context.module.js';
import { ConversationStatesModule } from './conversations/conversation-states.module.js';
import { ConversationsModule } from './conversations/conversations.module.js';
import { HandoffModule } from './handoff/handoff.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { ReadsModule } from './reads/reads.module.js';

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
        ConversationStatesModule.register({
          cacheSize: config.cacheSize,
          contextCacheSize: config.contextCacheSize,
        }),
        ConversationsModule,
        NotificationsModule.forRoot(config.notifications),
        HandoffModule.register(config.handoff),
        ContextModule.register(config.context),
        AgentActionsModule,
        PrivacyModule.register(config.privacy),
        ReadsModule.register(config.auth),
      ],
    };
  }
}
