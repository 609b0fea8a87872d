import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { appendOnce } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import { tenantKey, type AgentEntry, type AgentProfile } from './agent-entry.js';
import { Agent, statusRecordId } from './agent.schema.js';
import { SupersededRecords } from './superseded-records.js';

/**
 * Where agents' profiles survive a restart: each applied change is appended (one insert per batch),
 * and the records a newer one replaced are deleted in the background, in large groups, so the hot
 * path never updates or deletes by key.
 */
@Injectable()
export class AgentStatusLog implements OnModuleDestroy {
  /** Superseded by the newest record of each agent (by tenant key). */
  private readonly superseded: SupersededRecords;

  constructor(@InjectModel(Agent.name) private readonly records: Model<Agent>) {
    this.superseded = new SupersededRecords(records, 'agent statuses');
  }

  onModuleDestroy(): void {
    this.superseded.stop();
  }

  /** Every stored profile, oldest change first (apply them in order: the newest wins). */
  async load(): Promise<AgentProfile[]> {
    const records = await this.records.find().lean();
    records.sort((a, b) => a.statusChangedAt.getTime() - b.statusChangedAt.getTime());
    for (const record of records)
      this.superseded.supersede(tenantKey(record.tenantId, record.agentId), record._id);
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
      this.superseded.supersede(tenantKey(record.tenantId, record.agentId), record._id),
    );
  }

  /** Deletes records a newer one replaced; what fails is tried again at the next sweep. */
  sweep(): Promise<number> {
    return this.superseded.sweep();
  }
}
