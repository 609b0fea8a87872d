import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AgentStatusChanged } from '@handoff/contracts';
import { RejectedEventError } from '@handoff/messaging';
import { HealthRegistry } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import { Reservation } from '../reservations/reservation.schema.js';
import {
  AgentDirectory,
  type AgentEntry,
  type AgentProfile,
  type PresenceStatus,
} from './agent-directory.js';
import { Agent } from './agent.schema.js';

export class AgentOfAnotherTenantError extends RejectedEventError {
  constructor(agentId: string) {
    super(`agent ${agentId} belongs to another tenant`);
  }
}

/**
 * Agents' presence: status changes applied to the in-memory directory and stored as profiles, one
 * bulk write per batch. At boot the directory is rebuilt from the stored profiles and active
 * reservations; the service is not ready until then.
 */
@Injectable()
export class AgentsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AgentsService.name);
  private loaded = false;

  constructor(
    readonly directory: AgentDirectory,
    @InjectModel(Agent.name) private readonly agents: Model<Agent>,
    @InjectModel(Reservation.name) private readonly reservations: Model<Reservation>,
    health: HealthRegistry,
  ) {
    health.addReadiness({
      name: 'agent-directory',
      check: () =>
        this.loaded || { ok: false, detail: 'loading agents and reservations from the store' },
    });
  }

  onApplicationBootstrap(): void {
    void this.loadUntilDone();
  }

  /** Applies status changes in order and stores the profiles that changed. */
  async applyStatuses(
    changes: readonly { change: AgentStatusChanged; at: Date }[],
  ): Promise<AgentEntry[]> {
    const applied: AgentEntry[] = [];
    for (const { change, at } of changes) {
      const result = this.directory.apply(profileOf(change, at));
      if (result.conflict) throw new AgentOfAnotherTenantError(change.agentId);
      if (result.applied) applied.push(result.entry!);
    }
    if (applied.length > 0) {
      await this.agents.bulkWrite(
        applied.map((entry) => ({
          replaceOne: {
            filter: { _id: entry.agentId },
            replacement: recordOf(entry),
            upsert: true,
          },
        })),
        { ordered: false },
      );
    }
    return applied;
  }

  async applyStatus(change: AgentStatusChanged, at = new Date()): Promise<AgentEntry> {
    await this.applyStatuses([{ change, at }]);
    return this.directory.get(change.agentId)!;
  }

  private async loadUntilDone(): Promise<void> {
    for (let attempt = 1; !this.loaded; attempt++) {
      try {
        await this.load();
      } catch (error) {
        this.logger.warn({
          message: 'cannot load agents yet; retrying',
          error: error instanceof Error ? error.message : String(error),
        });
        await sleep(Math.min(500 * attempt, 10_000));
      }
    }
  }

  private async load(): Promise<void> {
    const [profiles, held] = await Promise.all([
      this.agents.find().lean(),
      this.reservations.find().lean(),
    ]);
    for (const profile of profiles) {
      this.directory.apply({
        ...profile,
        agentId: profile._id,
        skills: profile.skills.map(({ name, proficiency }) => ({ name, proficiency })),
      });
    }
    for (const reservation of held)
      this.directory.restore(
        reservation.agentId,
        reservation._id,
        reservation.reservedAt.getTime(),
      );
    this.loaded = true;
    this.logger.log({
      message: 'agents loaded',
      agents: profiles.length,
      reservations: held.length,
    });
  }
}

/** A status this version does not know means the agent takes no new chats (see COMPATIBILITY.md). */
function knownStatus(status: string): PresenceStatus {
  return status === 'online' || status === 'offline' ? status : 'away';
}

function profileOf(change: AgentStatusChanged, at: Date): AgentProfile {
  return {
    agentId: change.agentId,
    tenantId: change.tenantId,
    displayName: change.displayName,
    status: knownStatus(change.status),
    skills: change.skills.map(({ name, proficiency }) => ({ name, proficiency })),
    languages: change.languages,
    capacity: change.capacity,
    statusChangedAt: at,
  };
}

function recordOf(entry: AgentEntry): Agent {
  const { agentId, ...profile } = entry.profile();
  return { _id: agentId, ...profile };
}
