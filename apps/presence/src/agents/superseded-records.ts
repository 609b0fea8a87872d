import { Logger } from '@nestjs/common';

const sweepEveryMs = 10_000;
const sweepSize = 5_000;

/** The one thing asked of the collection: deleting records by id. */
interface DeletesById {
  deleteMany(filter: { _id: { $in: string[] } }): PromiseLike<unknown>;
}

/**
 * For an append-only collection where each key's newest record replaces its older ones: remembers
 * the records a newer one replaced and deletes them in the background, in large groups, so the hot
 * path never updates or deletes by key. What fails to delete is tried again at the next sweep.
 */
export class SupersededRecords {
  private readonly logger = new Logger(SupersededRecords.name);
  /** The newest record of each key. */
  private readonly newest = new Map<string, string>();
  private superseded: string[] = [];
  private readonly sweeper = setInterval(() => void this.sweep(), sweepEveryMs).unref();

  constructor(
    private readonly records: DeletesById,
    private readonly what: string,
  ) {}

  stop(): void {
    clearInterval(this.sweeper);
  }

  /** `recordId` is now the newest record of `key`; the one it replaces is to be deleted. */
  supersede(key: string, recordId: string): void {
    const previous = this.newest.get(key);
    if (previous !== undefined && previous !== recordId) this.superseded.push(previous);
    this.newest.set(key, recordId);
  }

  /** Deletes records a newer one replaced; returns how many. */
  async sweep(): Promise<number> {
    const batch = this.superseded.splice(0, sweepSize);
    if (batch.length === 0) return 0;
    try {
      await this.records.deleteMany({ _id: { $in: batch } });
      return batch.length;
    } catch (error) {
      this.superseded.push(...batch);
      this.logger.warn({
        message: `could not delete superseded ${this.what}; retrying later`,
        error: error instanceof Error ? error.message : String(error),
      });
      return 0;
    }
  }
}
