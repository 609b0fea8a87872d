import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { storeIfNewer } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import {
  sourceEntries,
  templatesFromEntries,
  type TenantTemplateSet,
} from './tenant-template-set.js';
import { TenantTemplatesRecord } from './tenant-templates.record.js';

/** Tenants' template sets in the store: written when a set arrives, read to refresh memory. */
@Injectable()
export class TenantTemplatesStore {
  constructor(
    @InjectModel(TenantTemplatesRecord.name)
    private readonly sets: Model<TenantTemplatesRecord>,
  ) {}

  /** Stores the set unless the tenant's stored one is as new or newer; returns whether it was. */
  storeIfNewer(set: TenantTemplateSet, publishedAt: Date): Promise<boolean> {
    return storeIfNewer(this.sets, set.tenantId, set.version, {
      sources: sourceEntries(set.templates),
      publishedAt,
    });
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
