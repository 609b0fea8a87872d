import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PolledTenantSets } from '@handoff/service-kit';
import { NotificationsOptions } from '../notifications.options.js';
import type { TemplateSources } from '../template-sources.js';
import type { TenantTemplateSet } from './tenant-template-set.js';
import { TenantTemplatesStore } from './tenant-templates.store.js';

/**
 * Every tenant's newest template set, in memory (see PolledTenantSets). Rendering reads this,
 * never the store.
 */
@Injectable()
export class TenantTemplates implements OnModuleInit, OnModuleDestroy {
  private readonly sets: PolledTenantSets<TenantTemplateSet>;

  constructor(store: TenantTemplatesStore, options: NotificationsOptions) {
    this.sets = new PolledTenantSets(
      'template set',
      (since) => store.changedSince(since),
      options.templatesRefreshMs,
    );
  }

  onModuleInit(): void {
    this.sets.start();
  }

  /** Settles once the first read is over, whether it found the store or not. */
  whenFirstRead(): Promise<void> {
    return this.sets.whenFirstRead();
  }

  onModuleDestroy(): void {
    this.sets.stop();
  }

  /** The tenant's wording, or undefined when it has published none (the platform's is used). */
  of(tenantId: string): TemplateSources | undefined {
    return this.sets.get(tenantId)?.templates;
  }

  /** Uses the set if it is newer than the tenant's current one; returns whether it did. */
  keep(set: TenantTemplateSet): boolean {
    return this.sets.keep(set);
  }

  /** Reads the sets changed since the last poll; a failure leaves the current ones in use. */
  refresh(): Promise<void> {
    return this.sets.refresh();
  }
}
