import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { appendOnce } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import type { Offer } from './offers.js';
import type { RoutedBy } from './queue-plans.js';
import { tenantsByPartition } from './queue-store.js';
import { loadedEntry, storedFields, type StoredEntry } from './tenant-queue.js';

/** An offer waiting for its answer, with its deadline; removed once answered or expired. */
@Schema({ collection: 'offers', versionKey: false })
export class OfferRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) tenantId!: string;
  @Prop({ index: true }) partition?: number;
  @Prop({ required: true }) agentId!: string;
  @Prop({ required: true }) displayName!: string;
  @Prop({ type: Date }) offeredAt?: Date;
  @Prop({ type: Date, required: true }) expiresAt!: Date;
  @Prop({ type: Object }) routedBy?: RoutedBy;
  @Prop({ type: Object, required: true }) entry!: StoredEntry;
}

export const OfferSchema = SchemaFactory.createForClass(OfferRecord);

/** Offers in flight, appended when made and deleted when they end, read back on takeover. */
@Injectable()
export class OfferStore {
  constructor(@InjectModel(OfferRecord.name) private readonly offers: Model<OfferRecord>) {}

  async load(tenantId: string): Promise<Offer[]> {
    const records = await this.offers.find({ tenantId }).lean();
    return records.map((record) => ({
      offerId: record._id,
      agentId: record.agentId,
      displayName: record.displayName,
      ...(record.offeredAt ? { offeredAt: record.offeredAt } : {}),
      expiresAt: record.expiresAt,
      ...(record.routedBy ? { routedBy: record.routedBy } : {}),
      entry: loadedEntry(record.entry),
      stored: true,
    }));
  }

  /** Tenants with offers stored for these partitions of the queue topic. */
  async tenantsIn(
    partitions: readonly number[],
  ): Promise<{ tenantId: string; partition: number }[]> {
    return tenantsByPartition(this.offers as never, partitions);
  }

  async append(offers: readonly Offer[], partition: number): Promise<void> {
    await appendOnce(
      this.offers,
      offers.map(({ offerId, agentId, displayName, offeredAt, expiresAt, routedBy, entry }) => ({
        _id: offerId,
        tenantId: entry.tenantId,
        partition,
        agentId,
        displayName,
        ...(offeredAt ? { offeredAt } : {}),
        expiresAt,
        ...(routedBy ? { routedBy } : {}),
        entry: storedFields(entry),
      })),
    );
    for (const offer of offers) offer.stored = true;
  }

  async remove(offers: readonly Offer[]): Promise<void> {
    const stored = offers.filter((offer) => offer.stored);
    if (stored.length > 0)
      await this.offers.deleteMany({ _id: { $in: stored.map((offer) => offer.offerId) } });
  }
}
