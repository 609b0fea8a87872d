import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import {
  sourceEntries,
  templatesFromEntries,
  type TenantTemplateSet,
} from './tenant-template-set.js';
import { TenantTemplatesRecord } from './tenant-templates.record.js';

const duplicateKey = 11000;

/** Tenants' template sets in the store: written when a set arrives, read to refresh memory. */
@Injectable()
export class TenantTemplatesStore {
  constructor(
    @InjectModel(TenantTemplatesRecord.name)
    private readonly sets: Model<TenantTemplatesRecord>,
  ) {}

  /**
   * Stores the set unless the tenant's stored one is as new or newer (a redelivery or a set
   * published out of order); returns whether it was stored.
   */
  async storeIfNewer(set: TenantTemplateSet, publishedAt: Date): Promise<boolean> {
    try {
      const result = await this.sets.updateOne(
        { _id: set.tenantId, version: { $lt: set.version } },
        {
          $set: {
            version: set.version,
            sources: sourceEntries(set.templates),
            publishedAt,
            updatedAt: new Date(),
          },
        },
        { upsert: true },
      );
      return result.upsertedCount + result.modifiedCount > 0;
    } catch (error) {
      // The filter missed because the stored version is not older, so the upsert hit its id.
      if ((error as { code?: unknown }).code === duplicateKey) return false;
      throw error;
    }
  }

  async all(): Promise<TenantTemplateSet[]> {
    return (await this.sets.find().lean()).map(toSet);
  }

  async changedSince(since: Date): Promise<TenantTemplateSet[]> {
    return (await this.sets.find({ updatedAt: { $gte: since } }).lean()).map(toSet);
  }
}

function toSet(record: TenantTemplatesRecord): TenantTemplateSet {
  return {
    tenantId: record._id,
    version: record.version,
    templates: templatesFromEntries(record.sources),
  };
}
