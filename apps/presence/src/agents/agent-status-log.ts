import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { appendOnce } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import { tenantKey, type AgentEntry, type AgentProfile } from './agent-entry.js';
import { Agent, statusRecordId } from './agent.schema.js';

const sweepEveryMs = 10_000;
const sweepSize = 5_000;

/**
 * Where agents' profiles survive a restart: each applied change is appended (one insert per batch),
 * and the records a newer one replaced are deleted in the background, in large groups, so the hot
 * path never updates or deletes by key.
 */
@Injectable()
export class AgentStatusLog implements OnModuleDestroy {
  private readonly logger = new Logger(AgentStatusLog.name);
  /** The newest record of each agent (by tenant key). */
  private readonly newest = new Map<string, string>();
  private superseded: string[] = [];
  private readonly sweeper = setInterval(() => void this.sweep(), sweepEveryMs).unref();

  constructor(@InjectModel(Agent.name) private readonly records: Model<Agent>) {}

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Every stored profile, oldest change first (apply them in order: the newest wins). */
  async load(): Promise<AgentProfile[]> {
    const records = await this.records.find().lean();
    records.sort((a, b) => a.statusChangedAt.getTime() - b.statusChangedAt.getTime());
    for (const record of records)
      this.supersede(tenantKey(record.tenantId, record.agentId), record._id);
    return records.map(({ _id: _, channels, teams, ...profile }) => ({
      ...profile,
      skills: profile.skills.map(({ name, proficiency }) => ({ name, proficiency })),
      ...(channels ? { channels: channels.map(({ name, capacity }) => ({ name, capacity })) } : {}),
      ...(teams ? { teams } : {}),
    }));
  }

  async append(changed: readonly { entry: AgentEntry; causeId: string }[]): Promise<void> {
    const records = changed.map(({ entry, causeId }) => {
      const profile = entry.profile();
      return { _id: statusRecordId(profile.tenantId, profile.agentId, causeId), ...profile };
    });
    await appendOnce(this.records, records);
    records.forEach((record) =>
      this.supersede(tenantKey(record.tenantId, record.agentId), record._id),
    );
  }

  /** Deletes records a newer one replaced; what fails is tried again at the next sweep. */
  async sweep(): Promise<number> {
    const batch = this.superseded.splice(0, sweepSize);
    if (batch.length === 0) return 0;
    try {
      await this.records.deleteMany({ _id: { $in: batch } });
      return batch.length;
    } catch (error) {
      this.superseded.push(...batch);
      this.logger.warn({
        message: 'could not delete superseded agent statuses; retrying later',
        error: error instanceof Error ? error.message : String(error),
      });
      return 0;
    }
  }

  private supersede(agentKey: string, recordId: string): void {
    const previous = this.newest.get(agentKey);
    if (previous !== undefined && previous !== recordId) this.superseded.push(previous);
    this.newest.set(agentKey, recordId);
  }
}
