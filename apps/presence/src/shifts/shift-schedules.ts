import { Injectable } from '@nestjs/common';
import type { AgentShiftsScheduled } from '@handoff/contracts';
import { RejectedEventError } from '@handoff/messaging';
import { AgentDirectory } from '../agents/agent-directory.js';
import { tenantKey, type AgentEntry } from '../agents/agent-entry.js';
import { scheduleOf } from '../agents/shift-schedule.js';
import { ShiftScheduleLog, type AgentSchedule } from './shift-schedule-log.js';

/** A schedule received, checked, with the event that carried it. */
export type ReceivedSchedule = AgentSchedule & { eventId: string };

/**
 * Workforce-management shift schedules: checked, stored (one insert per batch), then applied to
 * the directory, where an agent with a schedule fits no placement outside their shifts.
 */
@Injectable()
export class ShiftSchedules {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly log: ShiftScheduleLog,
  ) {}

  /** The schedules of a batch, checked before anything of the batch is applied. */
  check(
    events: readonly { data: AgentShiftsScheduled; at: Date; id: string }[],
  ): ReceivedSchedule[] {
    return events.map(({ data, at, id }) => {
      const schedule = scheduleOf(data.shifts, Date.parse(data.publishedAt), at.getTime());
      if ('refused' in schedule)
        throw new RejectedEventError(
          `shift schedule of agent ${data.agentId}: ${schedule.refused}`,
          id,
        );
      return { tenantId: data.tenantId, agentId: data.agentId, schedule, eventId: id };
    });
  }

  /**
   * Stores and applies the latest schedule of each agent (one published before the one known is
   * ignored); returns the known agents whose schedule changed, with the event that changed it.
   */
  async apply(
    schedules: readonly ReceivedSchedule[],
  ): Promise<{ entry: AgentEntry; causeId: string }[]> {
    const latest = new Map<string, ReceivedSchedule>();
    for (const received of schedules) {
      const key = tenantKey(received.tenantId, received.agentId);
      const known =
        latest.get(key)?.schedule ?? this.directory.scheduleOf(received.tenantId, received.agentId);
      if (!known || known.publishedAt <= received.schedule.publishedAt) latest.set(key, received);
    }
    if (latest.size === 0) return [];
    await this.log.append([...latest.values()]);
    return [...latest.values()].flatMap(({ tenantId, agentId, schedule, eventId }) => {
      const entry = this.directory.schedule(tenantId, agentId, schedule);
      return entry ? [{ entry, causeId: eventId }] : [];
    });
  }
}
