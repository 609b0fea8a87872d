import { Logger } from '@nestjs/common';
import { Topics, templatesPublishedType } from '@handoff/contracts';
import {
  ConsumeEvents,
  EventConsumer,
  RejectedEventError,
  type EventBatch,
} from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { describeProblems, validateTemplateSet } from '../template-validation.js';
import { templateSetOf } from './tenant-template-set.js';
import { TenantTemplates } from './tenant-templates.js';
import { TenantTemplatesStore } from './tenant-templates.store.js';

/**
 * Takes each tenant's published template set: a set with any problem is dead-lettered with them
 * all and the tenant keeps its previous set; a valid one is stored if newer and used at once.
 */
@EventConsumer()
export class TenantTemplatesConsumer {
  private readonly logger = new Logger(TenantTemplatesConsumer.name);

  constructor(
    private readonly store: TenantTemplatesStore,
    private readonly templates: TenantTemplates,
  ) {}

  @ConsumeEvents(Topics.TenantConfig)
  async onTenantConfig(@Payload() batch: EventBatch<typeof Topics.TenantConfig>): Promise<void> {
    const published = batch.events.filter((event) => event.type === templatesPublishedType);
    // Every set is checked before any is stored, so a refused one leaves nothing half done.
    for (const { id, data } of published) {
      const problems = validateTemplateSet(data.templates);
      if (problems.length > 0)
        throw new RejectedEventError(
          `template set ${data.version} of tenant ${data.tenantId} refused: ${describeProblems(problems)}`,
          id,
        );
    }
    for (const { data } of published) {
      const set = templateSetOf(data);
      if (!(await this.store.storeIfNewer(set, new Date(data.publishedAt)))) continue;
      this.templates.keep(set);
      this.logger.log({
        message: 'template set stored',
        tenantId: set.tenantId,
        version: set.version,
      });
    }
  }
}
