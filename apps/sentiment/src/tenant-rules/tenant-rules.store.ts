import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { TriggerRules } from '@handoff/contracts';
import { storeIfNewer } from '@handoff/service-kit';
import { compileRules, type CompiledRules } from '@handoff/trigger-rules';
import type { Model } from 'mongoose';
import { TenantRulesRecord } from './tenant-rules.record.js';

export interface TenantRuleSet {
  tenantId: string;
  version: number;
  compiled: CompiledRules;
}

/** Tenants' rule sets in the store: written when a set arrives, read to refresh memory. */
@Injectable()
export class TenantRulesStore {
  private readonly logger = new Logger(TenantRulesStore.name);

  constructor(
    @InjectModel(TenantRulesRecord.name) private readonly sets: Model<TenantRulesRecord>,
  ) {}

  storeIfNewer(
    tenantId: string,
    version: number,
    record: { rules: TriggerRules; publishedAt: Date },
  ): Promise<boolean> {
    return storeIfNewer(this.sets, tenantId, version, {
      rules: JSON.stringify(record.rules),
      publishedAt: record.publishedAt,
    });
  }

  async changedSince(since: Date): Promise<TenantRuleSet[]> {
    const records = await this.sets.find({ updatedAt: { $gte: since } }).lean();
    return records.flatMap((record) => {
      try {
        return [
          {
            tenantId: record._id,
            version: record.version,
            compiled: compileRules(JSON.parse(record.rules) as TriggerRules, record.version),
          },
        ];
      } catch (error) {
        // Stored sets were checked before storing; one that no longer compiles keeps the previous.
        this.logger.error({
          message: 'stored rule set does not compile',
          tenantId: record._id,
          error: (error as Error).message,
        });
        return [];
      }
    });
  }
}
