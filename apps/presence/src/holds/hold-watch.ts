import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { agentAvailabilityChangedType } from '@handoff/contracts';
import { describeError, EventPublisher } from '@handoff/messaging';
import { AgentDirectory } from '../agents/agent-directory.js';
import type { AgentEntry } from '../agents/agent-entry.js';
import { availabilityOf } from '../agents/availability.js';
import { DueSweep, publishedOrWarned } from '../agents/due-sweep.js';
import { ReservationsService } from '../reservations/reservations.service.js';

const checkEveryMs = 250;

/**
 * Gives back held slots whose hold ran out unconfirmed, and tells routing the agent has a slot
 * free again (`hold_expired`), so it drains the tenant's queue.
 *
 * This reclaims every slot a crashed or disconnected caller leaves behind: a caller that placed a
 * conversation with a hold and then died, or never got the answer, cannot confirm it nor knows to
 * release it, and no one else knows the slot was taken. Presence itself owns the deadline, so the
 * slot comes back whatever became of the caller; and since the deadline is stored with the
 * reservation and reloaded at boot, a hold that ran out while presence was down is given back
 * right after it starts.
 */
@Injectable()
export class HoldWatch implements OnModuleDestroy {
  private readonly logger = new Logger(HoldWatch.name);
  /** Agents whose slot came back but routing has not heard yet, with what caused it. */
  private readonly unannounced = new Map<AgentEntry, string>();
  private readonly sweep = new DueSweep((now) => this.giveBackDue(now), checkEveryMs);

  constructor(
    private readonly directory: AgentDirectory,
    private readonly reservations: ReservationsService,
    private readonly publisher: EventPublisher,
  ) {}

  onModuleDestroy(): void {
    this.sweep.stop();
  }

  /** Gives back every held slot whose hold ran out by `now`; returns how many agents got one back. */
  check(now = Date.now()): Promise<number> {
    return this.sweep.run(now);
  }

  private async giveBackDue(now: number): Promise<number> {
    const due = new Map<string, string[]>();
    for (const { tenantId, conversationId } of this.directory.holdsDueBy(now))
      due.set(tenantId, [...(due.get(tenantId) ?? []), conversationId]);
    let freed = 0;
    for (const [tenantId, conversationIds] of due) {
      try {
        const expired = await this.reservations.expireHolds(tenantId, conversationIds, now);
        for (const { agent, causeId } of expired) this.unannounced.set(agent, causeId);
        freed += expired.length;
      } catch (error) {
        // The slots stay held in memory and in the store; the next sweep tries again.
        this.logger.warn({
          message: 'could not give back slots whose hold ran out; retrying',
          tenantId,
          error: describeError(error),
        });
      }
    }
    for (const [agent, causeId] of this.unannounced)
      if (await this.announce(agent, causeId, now)) this.unannounced.delete(agent);
    return freed;
  }

  private announce(agent: AgentEntry, causeId: string, now: number): Promise<boolean> {
    const { data, id } = availabilityOf(agent, 'hold_expired', causeId, new Date(now));
    return publishedOrWarned(this.logger, 'a slot whose hold ran out', () =>
      this.publisher.emit(agentAvailabilityChangedType, data, id),
    );
  }
}
