import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Agent } from '../agents/agent.schema.js';
import { isDuplicateKey } from '../agents/agents.service.js';
import { Reservation } from './reservation.schema.js';

const maxSlotRecomputes = 5;

export interface ReserveOutcome {
  reserved: boolean;
  agentId: string;
  displayName: string;
  activeChats: number;
}

@Injectable()
export class ReservationsService {
  private readonly logger = new Logger(ReservationsService.name);

  constructor(
    @InjectModel(Agent.name) private readonly agents: Model<Agent>,
    @InjectModel(Reservation.name) private readonly reservations: Model<Reservation>,
  ) {}

  /**
   * Takes a chat slot with one conditional update (only while the agent is online and has a
   * free slot), then records it under the conversation id. A repeated call for the same
   * conversation returns the slot it already holds instead of taking another.
   */
  async reserve(tenantId: string, agentId: string, conversationId: string, at = new Date()): Promise<ReserveOutcome> {
    const existing = await this.reservations.findById(conversationId).lean();
    if (existing) return this.describeExisting(existing);

    const agent = await this.agents
      .findOneAndUpdate(
        { _id: agentId, tenantId, status: 'online', freeSlots: { $gt: 0 } },
        { $inc: { freeSlots: -1, activeChats: 1 }, $set: { lastAssignedAt: at } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!agent) return { reserved: false, agentId, displayName: '', activeChats: 0 };

    try {
      await this.reservations.create({ _id: conversationId, tenantId, agentId, reservedAt: at });
    } catch (error) {
      await this.giveBackSlot(agentId);
      if (!isDuplicateKey(error)) throw error;
      const winner = await this.reservations.findById(conversationId).lean();
      return winner ? this.describeExisting(winner) : { reserved: false, agentId, displayName: '', activeChats: 0 };
    }
    this.logger.log({ message: 'reserved', agentId, conversationId, activeChats: agent.activeChats });
    return { reserved: true, agentId, displayName: agent.displayName, activeChats: agent.activeChats };
  }

  async release(tenantId: string, conversationId: string): Promise<boolean> {
    const reservation = await this.reservations.findOneAndDelete({ _id: conversationId, tenantId }).lean();
    if (!reservation) return false;
    await this.giveBackSlot(reservation.agentId);
    return true;
  }

  /**
   * Ends one chat, then recomputes free slots from capacity: if capacity was lowered below the
   * chats in progress, the freed slot must not be handed out again. The recompute is a
   * compare-and-set; should it keep losing races, free slots stay low, never above capacity.
   */
  private async giveBackSlot(agentId: string): Promise<void> {
    await this.agents.updateOne({ _id: agentId, activeChats: { $gt: 0 } }, { $inc: { activeChats: -1 } });
    for (let attempt = 0; attempt < maxSlotRecomputes; attempt++) {
      const agent = await this.agents.findById(agentId).lean();
      if (!agent) return;
      const freeSlots = Math.max(0, agent.capacity - agent.activeChats);
      if (agent.freeSlots === freeSlots) return;
      const result = await this.agents.updateOne(
        { _id: agentId, capacity: agent.capacity, activeChats: agent.activeChats, freeSlots: agent.freeSlots },
        { $set: { freeSlots } },
      );
      if (result.matchedCount === 1) return;
    }
    this.logger.warn({ message: 'free slots left low after concurrent changes', agentId });
  }

  /** The conversation already holds a slot: report whose, which may not be the agent asked for. */
  private async describeExisting(reservation: Reservation): Promise<ReserveOutcome> {
    const holder = await this.agents.findById(reservation.agentId).lean();
    return {
      reserved: true,
      agentId: reservation.agentId,
      displayName: holder?.displayName ?? '',
      activeChats: holder?.activeChats ?? 0,
    };
  }
}
