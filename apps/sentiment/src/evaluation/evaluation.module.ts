import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { escalationModel, escalationScore } from '../escalation-score/escalation-model.js';
import { signalsRecord } from '../signals/signals.record.js';
import { SignalsStore } from '../signals/signals.store.js';
import { SignalsSweep, SignalsSweepOptions } from '../signals/signals-sweep.js';
import { TenantRulesModule } from '../tenant-rules/tenant-rules.module.js';
import { EscalationScorer } from '../triggers/conversation-triggers.js';
import { EvaluationConsumer } from './evaluation.consumer.js';
import { EvaluationOptions } from './evaluation.options.js';
import { EvaluationService } from './evaluation.service.js';

export interface EvaluationModuleOptions {
  cacheSize: number;
  rulesRefreshMs: number;
  signalsRetentionDays: number;
}

/** Scores and evaluates each recorded message against its tenant's rules and the trained model. */
@Module({})
export class EvaluationModule {
  static register(options: EvaluationModuleOptions): DynamicModule {
    return {
      module: EvaluationModule,
      imports: [
        MongooseModule.forFeature([signalsRecord]),
        TenantRulesModule.register({ refreshMs: options.rulesRefreshMs }),
      ],
      controllers: [EvaluationConsumer],
      providers: [
        EvaluationService,
        SignalsStore,
        SignalsSweep,
        { provide: EvaluationOptions, useValue: new EvaluationOptions(options.cacheSize) },
        {
          provide: SignalsSweepOptions,
          useValue: new SignalsSweepOptions(options.signalsRetentionDays),
        },
        {
          provide: EscalationScorer,
          useValue: {
            version: escalationModel.version,
            threshold: escalationModel.threshold,
            score: escalationScore,
          } satisfies EscalationScorer,
        },
      ],
    };
  }
}
