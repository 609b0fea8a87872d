import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PolledTenantSets } from '@handoff/service-kit';
import { compileRules, type CompiledRules } from '@handoff/trigger-rules';
import { TenantRulesOptions } from './tenant-rules.options.js';
import { TenantRulesStore, type TenantRuleSet } from './tenant-rules.store.js';

/** Every tenant's escalation rules, in memory; a tenant that published none has the defaults. */
@Injectable()
export class TenantRules implements OnModuleInit, OnModuleDestroy {
  readonly defaults: CompiledRules = compileRules();
  private readonly sets: PolledTenantSets<TenantRuleSet>;

  constructor(store: TenantRulesStore, options: TenantRulesOptions) {
    this.sets = new PolledTenantSets(
      'rule set',
      (since) => store.changedSince(since),
      options.refreshMs,
    );
  }

  onModuleInit(): void {
    this.sets.start();
  }

  onModuleDestroy(): void {
    this.sets.stop();
  }

  whenFirstRead(): Promise<void> {
    return this.sets.whenFirstRead();
  }

  of(tenantId: string): CompiledRules {
    return this.sets.get(tenantId)?.compiled ?? this.defaults;
  }

  keep(set: TenantRuleSet): boolean {
    return this.sets.keep(set);
  }
}
