import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { agentAvailabilityChangedType } from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import { AgentDirectory } from '../agents/agent-directory.js';
import type { AgentEntry } from '../agents/agent-entry.js';
import { availabilityOf } from '../agents/availability.js';
import { DueSweep, publishedOrWarned } from '../agents/due-sweep.js';
import { lastBoundaryBy, type ShiftBoundary } from '../agents/shift-schedule.js';

const checkEveryMs = 250;

/**
 * Announces to routing each shift start and end of an online agent, so it drains the tenant's
 * queue when someone comes on shift (and knows who went off). The deadlines derive from the stored
 * schedules: a boundary is due when it has passed and nothing has told routing of the agent since
 * (no status change, no schedule, no announcement). After a restart the last boundary of each
 * agent that passed since is announced again, under the same id, so one missed while presence was
 * down is not lost.
 */
@Injectable()
export class ShiftWatch implements OnModuleDestroy {
  private readonly logger = new Logger(ShiftWatch.name);
  /** The boundary last announced for each agent. */
  private readonly announced = new Map<AgentEntry, number>();
  private readonly sweep = new DueSweep((now) => this.announceDue(now), checkEveryMs);

  constructor(
    private readonly directory: AgentDirectory,
    private readonly publisher: EventPublisher,
  ) {}

  onModuleDestroy(): void {
    this.sweep.stop();
  }

  /** Announces every shift start or end due by `now`; returns how many. */
  check(now = Date.now()): Promise<number> {
    return this.sweep.run(now);
  }

  private async announceDue(now: number): Promise<number> {
    let announced = 0;
    for (const agent of [...this.directory.scheduledAgents()]) {
      const boundary = dueBoundary(agent, this.announced.get(agent) ?? 0, now);
      if (boundary && (await this.announce(agent, boundary))) announced++;
    }
    return announced;
  }

  private async announce(agent: AgentEntry, boundary: ShiftBoundary): Promise<boolean> {
    const causeId = `${boundary.kind}:${boundary.at}`;
    const { data, id } = availabilityOf(agent, boundary.kind, causeId, new Date(boundary.at));
    const published = await publishedOrWarned(this.logger, 'a shift start or end', () =>
      this.publisher.emit(agentAvailabilityChangedType, data, id),
    );
    if (published) this.announced.set(agent, boundary.at);
    return published;
  }
}

/**
 * The last shift start or end of an online agent passed by `now` that routing has not heard of:
 * later than their last status change, their schedule's arrival and the last one announced.
 * Agents not online take nothing either side of it.
 */
export function dueBoundary(
  agent: AgentEntry,
  announcedAt: number,
  now: number,
): ShiftBoundary | undefined {
  if (agent.status !== 'online' || !agent.schedule) return undefined;
  const boundary = lastBoundaryBy(agent.schedule, now);
  const heardAt = Math.max(announcedAt, agent.statusChangedAt.getTime(), agent.schedule.receivedAt);
  return boundary && boundary.at > heardAt ? boundary : undefined;
}
