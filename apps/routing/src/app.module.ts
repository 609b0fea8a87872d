import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@handoff/messaging';
import { HealthModule, MetricsModule, MongoModule } from '@handoff/service-kit';
import type { RoutingConfig } from './config.js';
import { QueuesModule } from './queues/queues.module.js';

@Module({})
export class RoutingAppModule {
  static forRoot(config: RoutingConfig): DynamicModule {
    return {
      module: RoutingAppModule,
      imports: [
        HealthModule,
        MetricsModule,
        MongoModule.forRoot(config.mongo),
        MessagingModule.forRoot(config.messaging),
        QueuesModule.register({
          presence: config.presence,
          maxPlacements: config.maxPlacements,
          offerTimeoutMs: config.offerTimeoutMs,
          queues: config.queues,
        }),
      ],
    };
  }
}
