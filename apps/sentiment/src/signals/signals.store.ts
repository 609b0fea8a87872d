import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { readEach } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { ConversationSignals } from './conversation-signals.js';
import { SignalsRecord, signalsKey } from './signals.record.js';

const sweepChunk = 5000;

/**
 * Conversations' signals in the store. A batch only inserts (new snapshots: inserts are cheap on
 * every store, where replacing or finding by a list of ids may scan the collection); a conversation
 * is read back only when memory lacks it and the store is known to hold it, so a new conversation
 * costs no read. Which conversations the store holds is read once when partitions are assigned.
 */
@Injectable()
export class SignalsStore {
  private readonly logger = new Logger(SignalsStore.name);
  private known: Set<string> | undefined;

  constructor(@InjectModel(SignalsRecord.name) private readonly records: Model<SignalsRecord>) {}

  /** Reads which conversations the store holds; until it has, every miss is looked up. */
  async refreshKnown(): Promise<void> {
    this.known = undefined;
    try {
      const keys = await this.records.distinct('key');
      this.known = new Set(keys.map(String));
    } catch (error) {
      this.logger.warn({
        message: 'stored conversations not listed; misses are looked up',
        error: (error as Error).message,
      });
    }
  }

  /** The newest snapshot of each conversation asked for that the store may hold. */
  async load(keys: readonly string[]): Promise<Map<string, ConversationSignals>> {
    const stored = this.known ? keys.filter((key) => this.known!.has(key)) : keys;
    if (stored.length === 0) return new Map();
    const found = await readEach(stored, (key) =>
      this.records.find({ key }).sort({ savedAt: 1 }).lean(),
    );
    return new Map(found.map((record) => [record.key, JSON.parse(record.signals)]));
  }

  /** One insert for the whole batch; loading takes the newest snapshot of a conversation. */
  async save(changed: readonly ConversationSignals[]): Promise<void> {
    if (changed.length === 0) return;
    const savedAt = new Date();
    const snapshots = changed.map((signals) => ({
      _id: randomUUID(),
      key: signalsKey(signals.tenantId, signals.conversationId),
      signals: JSON.stringify(signals),
      savedAt,
      lastMessageAt: new Date(signals.lastMessageAt),
    }));
    await this.records.insertMany(snapshots, { ordered: false, lean: true });
    for (const { key } of snapshots) this.known?.add(key);
  }

  /**
   * Drops the snapshots of conversations quiet since before the cutoff, and older snapshots of
   * the others; returns how many. Runs in the background (hourly), never on the hot path.
   */
  async sweep(quietSince: Date): Promise<number> {
    const { deletedCount: quiet } = await this.records.deleteMany({
      lastMessageAt: { $lt: quietSince },
    });
    // The newest snapshot of each conversation stays; the others go, a few thousand at a time.
    const all = await this.records.find({}, { key: 1, savedAt: 1 }).lean();
    const newest = new Map<string, { _id: string; savedAt: Date }>();
    for (const record of all) {
      const kept = newest.get(record.key);
      if (!kept || record.savedAt >= kept.savedAt) newest.set(record.key, record);
    }
    const keptIds = new Set([...newest.values()].map(({ _id }) => _id));
    const stale = all.filter(({ _id }) => !keptIds.has(_id)).map(({ _id }) => _id);
    let older = 0;
    for (let start = 0; start < stale.length; start += sweepChunk)
      older += (
        await this.records.deleteMany({ _id: { $in: stale.slice(start, start + sweepChunk) } })
      ).deletedCount;
    await this.refreshKnown();
    return quiet + older;
  }
}
