import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { tenantRulesRecord } from './tenant-rules.record.js';
import { TenantRules } from './tenant-rules.js';
import { TenantRulesConsumer } from './tenant-rules.consumer.js';
import { TenantRulesOptions } from './tenant-rules.options.js';
import { TenantRulesStore } from './tenant-rules.store.js';

/** Tenants' escalation rules: taken from the config topic, kept in the store and in memory. */
@Module({})
export class TenantRulesModule {
  static register(options: { refreshMs: number }): DynamicModule {
    return {
      module: TenantRulesModule,
      imports: [MongooseModule.forFeature([tenantRulesRecord])],
      controllers: [TenantRulesConsumer],
      providers: [
        TenantRules,
        TenantRulesStore,
        { provide: TenantRulesOptions, useValue: new TenantRulesOptions(options.refreshMs) },
      ],
      exports: [TenantRules],
    };
  }
}
