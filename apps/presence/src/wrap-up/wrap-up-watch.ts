import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { agentStatusChangedType, deriveId } from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import { AgentDirectory } from '../agents/agent-directory.js';
import type { AgentEntry } from '../agents/agent-entry.js';
import { DueSweep, publishedOrWarned } from '../agents/due-sweep.js';
import { statusChangeOf } from '../agents/status-change.js';

const checkEveryMs = 250;

/**
 * Ends wrap-ups when they are due: the end is a status change presence publishes (online, reason
 * wrap_up_ended) and then applies like any other, so routing hears the agent is available again.
 * The deadline is stored with the wrap_up status, so a wrap-up due during a restart ends after it.
 */
@Injectable()
export class WrapUpWatch implements OnModuleDestroy {
  private readonly logger = new Logger(WrapUpWatch.name);
  /** The wrap-up end announced for each agent, until it is applied. */
  private readonly announced = new Map<AgentEntry, number>();
  private readonly sweep = new DueSweep((now) => this.announceDue(now), checkEveryMs);

  constructor(
    private readonly directory: AgentDirectory,
    private readonly publisher: EventPublisher,
  ) {}

  onModuleDestroy(): void {
    this.sweep.stop();
  }

  /** Announces the end of every wrap-up due by `now`; returns how many. */
  check(now = Date.now()): Promise<number> {
    return this.sweep.run(now);
  }

  private async announceDue(now: number): Promise<number> {
    for (const [agent, endsAt] of this.announced)
      if (agent.wrapUpEndsAt?.getTime() !== endsAt) this.announced.delete(agent);
    let announced = 0;
    for (const agent of [...this.directory.wrapUpsEndedBy(now)]) {
      const endsAt = agent.wrapUpEndsAt!.getTime();
      if (this.announced.get(agent) === endsAt) continue;
      if (await this.announce(agent, endsAt)) announced++;
    }
    return announced;
  }

  private async announce(agent: AgentEntry, endsAt: number): Promise<boolean> {
    const published = await publishedOrWarned(this.logger, 'the end of a wrap-up', () =>
      this.publisher.emit(
        agentStatusChangedType,
        statusChangeOf(agent, 'online', 'wrap_up_ended'),
        deriveId('wrap-up-ended', agent.tenantId, agent.agentId, String(endsAt)),
      ),
    );
    if (published) this.announced.set(agent, endsAt);
    return published;
  }
}
