import { Injectable } from '@nestjs/common';
import { channelOf, defaultChannel } from '../agents/agent-entry.js';
import {
  AgentDirectory,
  tenantKey,
  type AgentEntry,
  type Placement,
  type PlacementOutcome,
  type ReserveOutcome,
} from '../agents/agent-directory.js';
import { reservationId } from './reservation.schema.js';
import { ReservationWriter } from './reservation-writer.js';

/**
 * Chat slots. The directory decides, in one synchronous step, so the answer for a slot can never
 * be given twice; the reservation is then stored before the caller hears "reserved", and taken
 * back if it cannot be (the caller sees the store's error and retries later). A conversation asking
 * again while its reservation is being stored waits for that same write.
 */
@Injectable()
export class ReservationsService {
  private readonly storing = new Map<string, Promise<void>>();

  constructor(
    private readonly directory: AgentDirectory,
    private readonly writer: ReservationWriter,
  ) {}

  async reserve(
    tenantId: string,
    agentId: string,
    conversationId: string,
    at = Date.now(),
  ): Promise<ReserveOutcome> {
    await this.whileStoring(tenantId, [conversationId]);
    const alreadyHeld = this.directory.holderOf(tenantId, conversationId) !== undefined;
    const outcome = this.directory.reserve(tenantId, agentId, conversationId, at);
    if (outcome.reserved && !alreadyHeld)
      await this.store(
        tenantId,
        [{ conversationId, agentId: outcome.agentId, channel: defaultChannel }],
        at,
      );
    return outcome;
  }

  /** Places a tenant's conversations in order with the best free agents (see AgentDirectory.placeBest). */
  async placeBest(
    tenantId: string,
    placements: readonly Placement[],
    at = Date.now(),
  ): Promise<PlacementOutcome[]> {
    const conversationIds = placements.map(({ conversationId }) => conversationId);
    await this.whileStoring(tenantId, conversationIds);
    const alreadyHeld = new Set(
      conversationIds.filter((id) => this.directory.holderOf(tenantId, id) !== undefined),
    );
    const outcomes = this.directory.placeBest(tenantId, placements, at);
    const taken = outcomes.flatMap((outcome, index) => {
      const { conversationId, channel } = placements[index]!;
      return outcome.reserved && !alreadyHeld.has(conversationId)
        ? [{ conversationId, agentId: outcome.agentId, channel: channelOf(channel) }]
        : [];
    });
    if (taken.length > 0) await this.store(tenantId, taken, at);
    return outcomes;
  }

  /** Gives the conversation's slot back (only to the tenant holding it); false when it held none. */
  /** Gives back the conversation's slot; returns the agent who held it, if one did. */
  async release(tenantId: string, conversationId: string): Promise<string | undefined> {
    return (await this.releaseAll(tenantId, [conversationId]))[0]?.agentId;
  }

  /** Gives back the slots the conversations hold; returns the agents who got one back, once each. */
  async releaseAll(tenantId: string, conversationIds: readonly string[]) {
    return this.giveBack(tenantId, conversationIds, (id) => this.directory.release(tenantId, id));
  }

  /** The conversations are over: their slots come back and they take none again. */
  async closeAll(tenantId: string, conversationIds: readonly string[]) {
    return this.giveBack(tenantId, conversationIds, (id) => this.directory.close(tenantId, id));
  }

  private async giveBack(
    tenantId: string,
    conversationIds: readonly string[],
    release: (conversationId: string) => AgentEntry | undefined,
  ): Promise<AgentEntry[]> {
    await this.whileStoring(tenantId, conversationIds);
    const released = conversationIds.flatMap((conversationId) => {
      const channel = this.directory.channelHeld(tenantId, conversationId);
      const holder = release(conversationId);
      return holder ? [{ conversationId, holder, channel }] : [];
    });
    if (released.length === 0) return [];
    try {
      await Promise.all(
        released.map(({ conversationId }) =>
          this.writer.remove(reservationId(tenantId, conversationId)),
        ),
      );
    } catch (error) {
      for (const { conversationId, holder, channel } of released)
        this.directory.restore(
          tenantId,
          holder.agentId,
          conversationId,
          holder.lastAssignedAt,
          channel,
        );
      throw error;
    }
    return [...new Set(released.map(({ holder }) => holder))];
  }

  private async whileStoring(tenantId: string, conversationIds: readonly string[]): Promise<void> {
    for (const conversationId of conversationIds)
      await this.storing.get(tenantKey(tenantId, conversationId));
  }

  /** Stores newly taken slots; if the store fails they are given back, and the caller hears why. */
  private async store(
    tenantId: string,
    taken: readonly { conversationId: string; agentId: string; channel: string }[],
    at: number,
  ): Promise<void> {
    const stored = Promise.all(
      taken.map(({ conversationId, agentId, channel }) =>
        this.writer.save({
          _id: reservationId(tenantId, conversationId),
          tenantId,
          conversationId,
          agentId,
          reservedAt: new Date(at),
          channel,
        }),
      ),
    ).then(() => undefined);
    const keys = taken.map(({ conversationId }) => tenantKey(tenantId, conversationId));
    for (const key of keys)
      this.storing.set(
        key,
        stored.catch(() => undefined),
      );
    try {
      await stored;
    } catch (error) {
      for (const { conversationId } of taken) this.directory.release(tenantId, conversationId);
      throw error;
    } finally {
      for (const key of keys) this.storing.delete(key);
    }
  }
}
