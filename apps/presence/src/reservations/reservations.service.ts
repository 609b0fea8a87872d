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
   * Takes a chat slot with one conditional update (only while the agent is online, has a free
   * slot and does not already serve this conversation), then records it under the conversation
   * id. A repeated or concurrent call for the same conversation returns the slot it holds
   * instead of taking another.
   */
  async reserve(tenantId: string, agentId: string, conversationId: string, at = new Date()): Promise<ReserveOutcome> {
    const existing = await this.reservations.findById(conversationId).lean();
    if (existing) return this.describeExisting(existing);

    const agent = await this.agents
      .findOneAndUpdate(
        { _id: agentId, tenantId, status: 'online', freeSlots: { $gt: 0 }, activeConversations: { $ne: conversationId } },
        {
          $inc: { freeSlots: -1, activeChats: 1 },
          $push: { activeConversations: conversationId },
          $set: { lastAssignedAt: at },
        },
        { returnDocument: 'after' },
      )
      .lean();
    if (!agent) return this.describeHeldOrRefused(tenantId, agentId, conversationId);

    try {
      await this.reservations.create({ _id: conversationId, tenantId, agentId, reservedAt: at });
    } catch (error) {
      await this.giveBackSlot(agentId, conversationId);
      if (!isDuplicateKey(error)) throw error;
      return this.describeHeldOrRefused(tenantId, agentId, conversationId);
    }
    this.logger.log({ message: 'reserved', agentId, conversationId, activeChats: agent.activeChats });
    return this.describe(agent);
  }

  async release(tenantId: string, conversationId: string): Promise<boolean> {
    const reservation = await this.reservations.findOneAndDelete({ _id: conversationId, tenantId }).lean();
    if (!reservation) return false;
    await this.giveBackSlot(reservation.agentId, conversationId);
    return true;
  }

  /**
   * Ends one chat (only if this conversation still holds it, so a repeated call is harmless),
   * then recomputes free slots from capacity: if capacity was lowered below the chats in
   * progress, the freed slot must not be handed out again. The recompute is a compare-and-set;
   * should it keep losing races, free slots stay low, never above capacity.
   */
  private async giveBackSlot(agentId: string, conversationId: string): Promise<void> {
    await this.agents.updateOne(
      { _id: agentId, activeConversations: conversationId },
      { $pull: { activeConversations: conversationId }, $inc: { activeChats: -1 } },
    );
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

  /**
   * The slot was not taken here. Either the conversation already holds one (a concurrent call
   * won: on this agent, whose record of it may still be on its way, or on another) or the
   * agent has no slot for it.
   */
  private async describeHeldOrRefused(tenantId: string, agentId: string, conversationId: string): Promise<ReserveOutcome> {
    const [held, holdingAgent] = await Promise.all([
      this.reservations.findById(conversationId).lean(),
      this.agents.findOne({ _id: agentId, tenantId, activeConversations: conversationId }).lean(),
    ]);
    if (held) return this.describeExisting(held);
    if (holdingAgent) return this.describe(holdingAgent);
    return { reserved: false, agentId, displayName: '', activeChats: 0 };
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

  private describe(agent: Agent): ReserveOutcome {
    return { reserved: true, agentId: agent._id, displayName: agent.displayName, activeChats: agent.activeChats };
  }
}
