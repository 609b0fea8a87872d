import { Module, type DynamicModule } from '@nestjs/common';
import type { PrivacySettings } from './privacy-config.js';
import { Redactors } from './redactors.js';
import { PRIVACY_SETTINGS, RETENTION_SWEEP_MS, RetentionSweeper } from './retention.js';

/** Each tenant's retention and redaction of personal data. */
@Module({})
export class PrivacyModule {
  static register(options: { settings: PrivacySettings; sweepMs: number }): DynamicModule {
    return {
      module: PrivacyModule,
      global: true,
      providers: [
        { provide: PRIVACY_SETTINGS, useValue: options.settings },
        { provide: RETENTION_SWEEP_MS, useValue: options.sweepMs },
        RetentionSweeper,
        Redactors,
      ],
      exports: [PRIVACY_SETTINGS, Redactors],
    };
  }
}
