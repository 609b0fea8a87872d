import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AgentStatusChanged } from '@handoff/contracts';
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
import { RejectedEventError } from '@handoff/messaging';
import { channelOf, presenceStatuses, tenantKey } from './agent-entry.js';
import { refusals } from './status-transitions.js';
import { AgentStatusLog } from './agent-status-log.js';
import { ShiftScheduleLog } from '../shifts/shift-schedule-log.js';

/**
 * Agents' presence: status changes applied to the in-memory directory and appended to the status
 * log, one insert per batch. At boot the directory is rebuilt from the stored profiles, shift
 * schedules and active reservations; the service is not ready until then.
 */
@Injectable()
export class AgentsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AgentsService.name);
  private loaded = false;

  constructor(
    readonly directory: AgentDirectory,
    private readonly statusLog: AgentStatusLog,
    private readonly scheduleLog: ShiftScheduleLog,
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

  /**
   * Applies status changes in order and stores the profiles that changed, in one bulk write.
   * Returns each agent that changed once, with the id of the last change applied to them. A change
   * the status rules refuse is poison: the batch is rejected by that change's id, nothing applied.
   */
  async applyStatuses(changes: readonly StatusChangeAt[]): Promise<AppliedChange[]> {
    const profiles = profilesOf(changes);
    const [refused] = this.refusedOf(profiles, { stopAtFirst: true });
    if (refused)
      throw new RejectedEventError(
        `agent ${refused.change.agentId}: ${refused.reason}`,
        refused.change.id,
      );
    return this.applyAllowed(profiles);
  }

  /**
   * Applies the changes a desk asked for, as `applyStatuses` does, except that a refused change is
   * not poison: it is left out, and returned by its id with the reason, for the desk to hear.
   */
  async applyRequested(
    changes: readonly StatusChangeAt[],
  ): Promise<{ changed: AppliedChange[]; refused: Map<string, string> }> {
    const profiles = profilesOf(changes);
    const refused = new Map(
      this.refusedOf(profiles).map(({ change, reason }) => [change.id, reason]),
    );
    const changed = await this.applyAllowed(profiles.filter(({ id }) => !refused.has(id)));
    return { changed, refused };
  }

  private refusedOf(
    profiles: readonly { profile: AgentProfile; id: string }[],
    options: { stopAtFirst?: boolean } = {},
  ) {
    return refusals(
      profiles.map(({ profile, id }) => ({
        ...profile,
        key: tenantKey(profile.tenantId, profile.agentId),
        id,
      })),
      (change) => this.directory.get(change.tenantId, change.agentId),
      options,
    );
  }

  private async applyAllowed(
    profiles: readonly { profile: AgentProfile; id: string }[],
  ): Promise<AppliedChange[]> {
    const applied = new Map<AgentEntry, string>();
    for (const { profile, id } of profiles) {
      // The same change again (presence's own, applied before it was published; a redelivery).
      if (this.directory.get(profile.tenantId, profile.agentId)?.changeId === id) continue;
      const result = this.directory.apply(profile);
      if (result.applied) {
        result.entry.changeId = id;
        applied.delete(result.entry);
        applied.set(result.entry, id);
      }
    }
    const changed = [...applied].map(([entry, causeId]) => ({ entry, causeId }));
    await this.statusLog.append(changed);
    return changed;
  }

  /** One change applied at once, not from Kafka (the integration tests' setup). */
  async applyStatus(change: AgentStatusChanged, at = new Date()): Promise<AgentEntry> {
    await this.applyStatuses([{ change, at, id: `direct:${at.getTime()}` }]);
    return this.directory.get(change.tenantId, change.agentId)!;
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
    const [profiles, held, schedules] = await Promise.all([
      this.statusLog.load(),
      this.reservations.find().lean(),
      this.scheduleLog.load(),
    ]);
    for (const { tenantId, agentId, schedule } of schedules)
      this.directory.schedule(tenantId, agentId, schedule);
    for (const profile of profiles) this.directory.apply(profile);
    for (const reservation of held)
      this.directory.restore(
        reservation.tenantId,
        reservation.agentId,
        reservation.conversationId,
        reservation.reservedAt.getTime(),
        channelOf(reservation.channel),
        reservation.heldUntil?.getTime(),
      );
    this.loaded = true;
    this.logger.log({
      message: 'agents loaded',
      agents: this.directory.size,
      reservations: held.length,
      heldOnly: held.filter(({ heldUntil }) => heldUntil).length,
      shiftSchedules: schedules.length,
    });
  }
}

/** A status change, when it happened, and the id of the event or command that made it. */
export interface StatusChangeAt {
  change: AgentStatusChanged;
  at: Date;
  id: string;
}

/** An agent a batch changed, with the id of the last change applied to them. */
export interface AppliedChange {
  entry: AgentEntry;
  causeId: string;
}

function profilesOf(changes: readonly StatusChangeAt[]) {
  return changes.map(({ change, at, id }) => ({ profile: profileOf(change, at), id }));
}

/**
 * `available` is `online` by another name (the directory keeps `online`, which every consumer of
 * availability knows). A status this version does not know means the agent takes no new chats
 * (see COMPATIBILITY.md).
 */
function knownStatus(status: string): PresenceStatus {
  if (status === 'available') return 'online';
  return presenceStatuses.find((known) => known === status) ?? 'away';
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
    ...(change.reason ? { reason: change.reason } : {}),
    ...(change.channels
      ? { channels: change.channels.map(({ name, capacity }) => ({ name, capacity })) }
      : {}),
    ...(change.teams ? { teams: change.teams } : {}),
    ...(change.sequence !== undefined ? { sequence: change.sequence } : {}),
    ...(change.wrapUpSeconds !== undefined ? { wrapUpSeconds: change.wrapUpSeconds } : {}),
    ...(change.status === 'wrap_up' && change.wrapUpSeconds
      ? { wrapUpEndsAt: new Date(at.getTime() + change.wrapUpSeconds * 1000) }
      : {}),
  };
}
