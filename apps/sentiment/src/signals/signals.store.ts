import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { ConversationSignals } from './conversation-signals.js';
import { SignalsRecord, signalsKey } from './signals.record.js';

/** Conversations' signals in the store: read once per conversation a batch misses, written per batch. */
@Injectable()
export class SignalsStore {
  constructor(@InjectModel(SignalsRecord.name) private readonly records: Model<SignalsRecord>) {}

  /** The newest snapshot of each conversation asked for. */
  async load(keys: readonly string[]): Promise<Map<string, ConversationSignals>> {
    if (keys.length === 0) return new Map();
    const found = await this.records
      .find({ key: { $in: keys } })
      .sort({ savedAt: 1 })
      .lean();
    return new Map(found.map((record) => [record.key, JSON.parse(record.signals)]));
  }

  /** Two round trips for the whole batch: the new snapshots, then the end of the old ones. */
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
    await this.records.deleteMany({
      key: { $in: snapshots.map(({ key }) => key) },
      _id: { $nin: snapshots.map(({ _id }) => _id) },
    });
  }

  /** Drops the signals of conversations quiet since before the cutoff; returns how many. */
  async sweep(quietSince: Date): Promise<number> {
    const { deletedCount } = await this.records.deleteMany({ lastMessageAt: { $lt: quietSince } });
    return deletedCount;
  }
}
