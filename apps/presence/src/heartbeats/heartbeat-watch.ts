import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { agentStatusChangedType, deriveId } from '@handoff/contracts';
import { describeError, EventPublisher } from '@handoff/messaging';
import { AgentDirectory, tenantKey } from '../agents/agent-directory.js';
import { statusChangeOf } from '../agents/status-change.js';

/** How long an agent's desk may stay silent before presence takes the agent offline. */
export const HEARTBEAT_GRACE_MS = Symbol('HEARTBEAT_GRACE_MS');

const checkEveryMs = 1_000;

interface LastBeat {
  tenantId: string;
  agentId: string;
  at: number;
  /** The loss was announced; a new heartbeat clears it. */
  reported: boolean;
}

/**
 * Watches the heartbeats of desks that send them. An agent who is not offline (online, busy, in
 * wrap-up or away) and whose desk fell silent for longer than the grace period is taken offline by
 * a status change presence publishes (reason heartbeat_lost) and then applies like any other, so
 * routing hears of it and gives their pending offers to someone else. The conversations they hold
 * stay theirs until closed. Agents whose desks never sent a heartbeat are not watched.
 */
@Injectable()
export class HeartbeatWatch implements OnModuleDestroy {
  private readonly logger = new Logger(HeartbeatWatch.name);
  private readonly beats = new Map<string, LastBeat>();
  private readonly timer = setInterval(() => void this.check(), checkEveryMs).unref();

  constructor(
    private readonly directory: AgentDirectory,
    private readonly publisher: EventPublisher,
    @Inject(HEARTBEAT_GRACE_MS) private readonly graceMs: number,
  ) {}

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  beat(tenantId: string, agentId: string, at: number): void {
    const key = tenantKey(tenantId, agentId);
    const known = this.beats.get(key);
    if (known && known.at >= at) return;
    this.beats.set(key, { tenantId, agentId, at, reported: false });
  }

  /** Announces every agent not offline whose heartbeats stopped; returns how many. */
  async check(now = Date.now()): Promise<number> {
    let announced = 0;
    for (const beat of this.beats.values()) {
      if (beat.reported || now - beat.at <= this.graceMs) continue;
      const agent = this.directory.get(beat.tenantId, beat.agentId);
      if (!agent || agent.status === 'offline') continue;
      try {
        await this.publisher.emit(
          agentStatusChangedType,
          statusChangeOf(agent, 'offline', 'heartbeat_lost'),
          deriveId('heartbeat-lost', beat.tenantId, beat.agentId, String(beat.at)),
        );
        beat.reported = true;
        announced++;
      } catch (error) {
        this.logger.warn({
          message: 'could not announce a lost heartbeat; retrying',
          error: describeError(error),
        });
      }
    }
    return announced;
  }
}
