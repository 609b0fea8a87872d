import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ConversationSignals } from './conversation-signals.js';
import { SignalsRecord, signalsKey } from './signals.record.js';

/** Conversations' signals in the store: read once per conversation a batch misses, written per batch. */
@Injectable()
export class SignalsStore {
  constructor(@InjectModel(SignalsRecord.name) private readonly records: Model<SignalsRecord>) {}

  async load(keys: readonly string[]): Promise<Map<string, ConversationSignals>> {
    if (keys.length === 0) return new Map();
    const found = await this.records.find({ _id: { $in: keys } }).lean();
    return new Map(found.map((record) => [record._id, record.signals]));
  }

  /** One round trip for the whole batch. */
  async save(changed: readonly ConversationSignals[]): Promise<void> {
    if (changed.length === 0) return;
    await this.records.bulkWrite(
      changed.map((signals) => ({
        replaceOne: {
          filter: { _id: signalsKey(signals.tenantId, signals.conversationId) },
          replacement: {
            _id: signalsKey(signals.tenantId, signals.conversationId),
            signals,
            lastMessageAt: new Date(signals.lastMessageAt),
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /** Drops the signals of conversations quiet since before the cutoff; returns how many. */
  async sweep(quietSince: Date): Promise<number> {
    const { deletedCount } = await this.records.deleteMany({ lastMessageAt: { $lt: quietSince } });
    return deletedCount;
  }
}
