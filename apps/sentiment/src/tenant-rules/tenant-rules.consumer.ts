import { Logger } from '@nestjs/common';
import { Topics, triggersPublishedType } from '@handoff/contracts';
import {
  ConsumeEvents,
  EventConsumer,
  RejectedEventError,
  type EventBatch,
} from '@handoff/messaging';
import { compileRules, RuleSetError, type CompiledRules } from '@handoff/trigger-rules';
import { Payload } from '@nestjs/microservices';
import { TenantRules } from './tenant-rules.js';
import { TenantRulesStore } from './tenant-rules.store.js';

/**
 * Takes each tenant's published rule set: one that does not compile is dead-lettered with every
 * problem and the tenant keeps its previous set; a valid one is stored if newer and used at once.
 */
@EventConsumer()
export class TenantRulesConsumer {
  private readonly logger = new Logger(TenantRulesConsumer.name);

  constructor(
    private readonly store: TenantRulesStore,
    private readonly rules: TenantRules,
  ) {}

  @ConsumeEvents(Topics.TenantConfig)
  async onTenantConfig(@Payload() batch: EventBatch<typeof Topics.TenantConfig>): Promise<void> {
    const published = batch.events.filter((event) => event.type === triggersPublishedType);
    // Every set is compiled before any is stored, so a refused one leaves nothing half done.
    const compiled = published.map(({ id, data }): CompiledRules => {
      try {
        return compileRules(data.rules, data.version);
      } catch (error) {
        if (!(error instanceof RuleSetError)) throw error;
        throw new RejectedEventError(
          `rule set ${data.version} of tenant ${data.tenantId} refused: ${error.message}`,
          id,
        );
      }
    });
    for (const [index, { data }] of published.entries()) {
      const stored = await this.store.storeIfNewer(data.tenantId, data.version, {
        rules: data.rules,
        publishedAt: new Date(data.publishedAt),
      });
      if (!stored) continue;
      this.rules.keep({
        tenantId: data.tenantId,
        version: data.version,
        compiled: compiled[index]!,
      });
      this.logger.log({
        message: 'rule set stored',
        tenantId: data.tenantId,
        version: data.version,
      });
    }
  }
}
