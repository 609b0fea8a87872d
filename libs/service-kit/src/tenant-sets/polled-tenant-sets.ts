import { Logger } from '@nestjs/common';

/** A tenant's configuration of some kind, replaced as a whole by a higher version. */
export interface VersionedTenantSet {
  tenantId: string;
  version: number;
}

/**
 * How far back each poll looks again, so a set another instance stamped just before the previous
 * poll but had not yet written, or stamped with a clock a little behind, is still seen. Sets are
 * applied by version, so seeing one twice is harmless.
 */
const pollOverlapMs = 60_000;

/**
 * Every tenant's newest set of one kind, in memory. Sets arrive on the partitions of one instance
 * only (the config topic is keyed by tenant), so each instance loads them all once it starts and
 * then polls the store for the ones changed since; the instance that stores a set keeps it at
 * once. The hot path reads this, never the store.
 */
export class PolledTenantSets<T extends VersionedTenantSet> {
  private readonly logger: Logger;
  private readonly sets = new Map<string, T>();
  private polledAt = new Date(0);
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private firstRead: Promise<void> = Promise.resolve();

  constructor(
    private readonly what: string,
    private readonly changedSince: (since: Date) => Promise<T[]>,
    private readonly refreshMs: number,
  ) {
    this.logger = new Logger(`PolledTenantSets(${what})`);
  }

  /**
   * The first read takes every set and runs in the background: a store that is away at boot must
   * not stop the service from starting and saying it is not ready.
   */
  start(): void {
    this.firstRead = this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Settles once the first read is over, whether it found the store or not. */
  whenFirstRead(): Promise<void> {
    return this.firstRead;
  }

  get(tenantId: string): T | undefined {
    return this.sets.get(tenantId);
  }

  /** Uses the set if it is newer than the tenant's current one; returns whether it did. */
  keep(set: T): boolean {
    const current = this.sets.get(set.tenantId);
    if (current && set.version <= current.version) return false;
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
      for (const set of await this.changedSince(since))
        if (this.keep(set))
          this.logger.log({
            message: `${this.what} in use`,
            tenantId: set.tenantId,
            version: set.version,
          });
      this.polledAt = startedAt;
    } catch (error) {
      this.logger.warn({ message: `${this.what} not refreshed`, error: (error as Error).message });
    } finally {
      this.polling = false;
    }
  }
}
