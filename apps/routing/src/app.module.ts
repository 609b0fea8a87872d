import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@handoff/messaging';
import { HealthModule, MetricsModule, MongoModule } from '@handoff/service-kit';
import { AssignmentModule } from './assignment/assignment.module.js';
import type { RoutingConfig } from './config.js';

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
        AssignmentModule.register({
          presence: config.presence,
          maxReserveAttempts: config.maxReserveAttempts,
          concurrency: config.concurrency,
        }),
      ],
    };
  }
}
