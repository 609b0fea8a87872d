import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { appendOnce } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import { tenantKey } from '../agents/agent-entry.js';
import { scheduleFrom, type ShiftSchedule } from '../agents/shift-schedule.js';
import { SupersededRecords } from '../agents/superseded-records.js';
import { AgentShiftSchedule, scheduleRecordId } from './shift-schedule.schema.js';

/** A schedule with the agent it belongs to. */
export interface AgentSchedule {
  tenantId: string;
  agentId: string;
  schedule: ShiftSchedule;
}

/**
 * Where shift schedules survive a restart: each one received is appended (one insert per batch);
 * the ones a later schedule replaced are deleted in the background.
 */
@Injectable()
export class ShiftScheduleLog implements OnModuleDestroy {
  private readonly superseded: SupersededRecords;

  constructor(
    @InjectModel(AgentShiftSchedule.name) private readonly records: Model<AgentShiftSchedule>,
  ) {
    this.superseded = new SupersededRecords(records, 'shift schedules');
  }

  onModuleDestroy(): void {
    this.superseded.stop();
  }

  /** Every stored schedule, earliest published first (apply them in order: the latest wins). */
  async load(): Promise<AgentSchedule[]> {
    const records = await this.records.find().lean();
    records.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    return records.map((record) => {
      this.superseded.supersede(tenantKey(record.tenantId, record.agentId), record._id);
      const shifts = record.shifts.map(({ start, end }) => ({
        start: start.getTime(),
        end: end.getTime(),
      }));
      return {
        tenantId: record.tenantId,
        agentId: record.agentId,
        schedule: scheduleFrom(shifts, record.publishedAt.getTime(), record.receivedAt.getTime()),
      };
    });
  }

  /** Stores schedules, each by the id of the event that carried it. */
  async append(schedules: readonly (AgentSchedule & { eventId: string })[]): Promise<void> {
    const records = schedules.map(({ tenantId, agentId, schedule, eventId }) => ({
      _id: scheduleRecordId(tenantId, agentId, eventId),
      tenantId,
      agentId,
      shifts: schedule.shifts.map(({ start, end }) => ({
        start: new Date(start),
        end: new Date(end),
      })),
      publishedAt: new Date(schedule.publishedAt),
      receivedAt: new Date(schedule.receivedAt),
    }));
    await appendOnce(this.records, records);
    for (const record of records)
      this.superseded.supersede(tenantKey(record.tenantId, record.agentId), record._id);
  }
}
