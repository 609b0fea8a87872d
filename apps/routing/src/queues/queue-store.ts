import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { appendOnce } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import { QueueEntryRecord, queueEntryId } from './queue-entry.schema.js';
import { loadedEntry, storedFields, type QueueEntry } from './tenant-queue.js';

/**
 * Where a tenant's queue survives a restart or a move to another instance: entries are appended
 * when they arrive and deleted when they leave, and read back only when an instance takes the
 * tenant over.
 */
@Injectable()
export class QueueStore {
  constructor(
    @InjectModel(QueueEntryRecord.name) private readonly entries: Model<QueueEntryRecord>,
  ) {}

  async load(tenantId: string): Promise<QueueEntry[]> {
    const records = await this.entries.find({ tenantId }).lean();
    return records.map(({ _id: _, partition: __, ...record }) => ({
      ...loadedEntry(record),
      stored: true,
    }));
  }

  /** Tenants with conversations stored for these partitions of the queue topic. */
  async tenantsIn(
    partitions: readonly number[],
  ): Promise<{ tenantId: string; partition: number }[]> {
    return tenantsByPartition(this.entries as never, partitions);
  }

  async append(entries: readonly QueueEntry[], partition: number): Promise<void> {
    // One stored before (a redelivered batch) is the same entry.
    await appendOnce(
      this.entries,
      entries.map((entry) => ({
        _id: queueEntryId(entry.tenantId, entry.conversationId),
        partition,
        ...storedFields(entry),
      })),
    );
    for (const entry of entries) entry.stored = true;
  }

  /** Deletes the entries that were stored; the others never were. */
  async remove(entries: readonly QueueEntry[]): Promise<void> {
    const stored = entries.filter((entry) => entry.stored);
    if (stored.length === 0) return;
    await this.entries.deleteMany({
      _id: { $in: stored.map((entry) => queueEntryId(entry.tenantId, entry.conversationId)) },
    });
  }
}

/** The tenants a collection holds records of, for each of these partitions of the queue topic. */
export async function tenantsByPartition(
  records: Model<{ tenantId: string; partition?: number }>,
  partitions: readonly number[],
): Promise<{ tenantId: string; partition: number }[]> {
  const found = await Promise.all(
    partitions.map(async (partition) =>
      (await records.distinct('tenantId', { partition })).map((tenantId) => ({
        tenantId: String(tenantId),
        partition,
      })),
    ),
  );
  return found.flat();
}
