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
 * again while its reservation is being stored waits for that same write. A slot placed with a hold
 * is stored with its deadline, and kept for good once confirmed.
 */
interface Taken {
  conversationId: string;
  agentId: string;
  channel: string;
  /** Only held until then, unless confirmed. */
  heldUntil?: number;
}

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
      if (!outcome.reserved || alreadyHeld.has(conversationId)) return [];
      const heldUntil = this.directory.heldUntil(tenantId, conversationId);
      return [{ conversationId, agentId: outcome.agentId, channel: channelOf(channel), heldUntil }];
    });
    if (taken.length > 0) await this.store(tenantId, taken, at);
    return outcomes;
  }

  /** Gives back the conversation's slot (only to the tenant holding it); returns its holder, if any. */
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

  /**
   * Makes the conversation's held slot its own for good, in memory at once (so its hold cannot
   * run out meanwhile) and then in the store; returns the holder, or undefined when it holds no slot
   * (its hold ran out, or it was released or closed). Confirming again changes nothing.
   */
  async confirm(tenantId: string, conversationId: string): Promise<string | undefined> {
    await this.whileStoring(tenantId, [conversationId]);
    const heldUntil = this.directory.heldUntil(tenantId, conversationId);
    const holder = this.directory.confirm(tenantId, conversationId);
    if (!holder || heldUntil === undefined) return holder?.agentId;
    try {
      await this.tracked(
        tenantId,
        [conversationId],
        this.writer.confirm(reservationId(tenantId, conversationId)),
      );
    } catch (error) {
      this.directory.holdAgain(tenantId, conversationId, heldUntil);
      throw error;
    }
    return holder.agentId;
  }

  /**
   * Gives back those of the tenant's held slots whose hold ran out by `now` and was not confirmed
   * meanwhile; returns each agent who got one back, with an id for what caused it.
   */
  async expireHolds(tenantId: string, conversationIds: readonly string[], now: number) {
    const causes = new Map<AgentEntry, string>();
    const agents = await this.giveBack(tenantId, conversationIds, (id) => {
      const heldUntil = this.directory.heldUntil(tenantId, id);
      const holder = this.directory.expire(tenantId, id, now);
      if (holder) causes.set(holder, `hold-expired:${id}:${heldUntil}`);
      return holder;
    });
    return agents.map((agent) => ({ agent, causeId: causes.get(agent)! }));
  }

  private async giveBack(
    tenantId: string,
    conversationIds: readonly string[],
    release: (conversationId: string) => AgentEntry | undefined,
  ): Promise<AgentEntry[]> {
    await this.whileStoring(tenantId, conversationIds);
    const released = conversationIds.flatMap((conversationId) => {
      const channel = this.directory.channelHeld(tenantId, conversationId);
      const heldUntil = this.directory.heldUntil(tenantId, conversationId);
      const holder = release(conversationId);
      return holder ? [{ conversationId, holder, channel, heldUntil }] : [];
    });
    if (released.length === 0) return [];
    try {
      await Promise.all(
        released.map(({ conversationId }) =>
          this.writer.remove(reservationId(tenantId, conversationId)),
        ),
      );
    } catch (error) {
      for (const { conversationId, holder, channel, heldUntil } of released)
        this.directory.restore(
          tenantId,
          holder.agentId,
          conversationId,
          holder.lastAssignedAt,
          channel,
          heldUntil,
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
  private async store(tenantId: string, taken: readonly Taken[], at: number): Promise<void> {
    const stored = Promise.all(
      taken.map(({ conversationId, agentId, channel, heldUntil }) =>
        this.writer.save({
          _id: reservationId(tenantId, conversationId),
          tenantId,
          conversationId,
          agentId,
          reservedAt: new Date(at),
          channel,
          ...(heldUntil !== undefined ? { heldUntil: new Date(heldUntil) } : {}),
        }),
      ),
    );
    const conversationIds = taken.map(({ conversationId }) => conversationId);
    try {
      await this.tracked(tenantId, conversationIds, stored);
    } catch (error) {
      for (const conversationId of conversationIds)
        this.directory.release(tenantId, conversationId);
      throw error;
    }
  }

  /** Waits for a write about the conversations, which calls for them meanwhile wait for too. */
  private async tracked(
    tenantId: string,
    conversationIds: readonly string[],
    write: Promise<unknown>,
  ): Promise<void> {
    const keys = conversationIds.map((conversationId) => tenantKey(tenantId, conversationId));
    const settled = write.then(
      () => undefined,
      () => undefined,
    );
    for (const key of keys) this.storing.set(key, settled);
    try {
      await write;
    } finally {
      for (const key of keys) this.storing.delete(key);
    }
  }
}
