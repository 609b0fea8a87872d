import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@handoff/messaging';
import { HealthModule, MetricsModule, MongoModule } from '@handoff/service-kit';
import type { SentimentConfig } from './config.js';
import { EvaluationModule } from './evaluation/evaluation.module.js';

@Module({})
export class SentimentAppModule {
  static forRoot(config: SentimentConfig): DynamicModule {
    return {
      module: SentimentAppModule,
      imports: [
        HealthModule,
        MetricsModule,
        MongoModule.forRoot(config.mongo),
        MessagingModule.forRoot(config.messaging),
        EvaluationModule.register(config.evaluation),
      ],
    };
  }
}
