import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { NotificationsOptions } from '../notifications.options.js';
import type { TemplateSources } from '../template-sources.js';
import { isNewer, type TenantTemplateSet } from './tenant-template-set.js';
import { TenantTemplatesStore } from './tenant-templates.store.js';

/**
 * How far back each poll looks again, so a set another instance stamped just before the previous
 * poll but had not yet written, or stamped with a clock a little behind, is still seen. Sets are
 * applied by version, so seeing one twice is harmless.
 */
const pollOverlapMs = 60_000;

/**
 * Every tenant's newest template set, in memory. Sets arrive on the partitions of one instance
 * only, so each instance loads all of them once it starts and then polls the store for the ones changed
 * since; the instance that stores a set uses it at once. Rendering reads this, never the store.
 */
@Injectable()
export class TenantTemplates implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TenantTemplates.name);
  private readonly sets = new Map<string, TenantTemplateSet>();
  private polledAt = new Date(0);
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private firstRead: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: TenantTemplatesStore,
    private readonly options: NotificationsOptions,
  ) {}

  /**
   * The first read takes every set (nothing was polled yet) and runs in the background: a store
   * that is away at boot must not stop the service from starting and saying it is not ready.
   */
  onModuleInit(): void {
    this.firstRead = this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.templatesRefreshMs);
    this.timer.unref();
  }

  /** Settles once the first read is over, whether it found the store or not. */
  whenFirstRead(): Promise<void> {
    return this.firstRead;
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The tenant's wording, or undefined when it has published none (the platform's is used). */
  of(tenantId: string): TemplateSources | undefined {
    return this.sets.get(tenantId)?.templates;
  }

  /** Uses the set if it is newer than the tenant's current one; returns whether it did. */
  keep(set: TenantTemplateSet): boolean {
    if (!isNewer(set, this.sets.get(set.tenantId))) return false;
    this.sets.set(set.tenantId, set);
    return true;
  }

  /** Reads the sets changed since the last poll; a failure leaves the current ones in use. */
  async refresh(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    const startedAt = new Date();
    try {
      const since = new Date(this.polledAt.getTime() - pollOverlapMs);
      for (const set of await this.store.changedSince(since))
        if (this.keep(set))
          this.logger.log({
            message: 'template set in use',
            tenantId: set.tenantId,
            version: set.version,
          });
      this.polledAt = startedAt;
    } catch (error) {
      this.logger.warn({ message: 'template sets not refreshed', error: (error as Error).message });
    } finally {
      this.polling = false;
    }
  }
}
