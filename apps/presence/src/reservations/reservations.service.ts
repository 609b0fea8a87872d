import { Injectable } from '@nestjs/common';
import { AgentDirectory, type ReserveOutcome } from '../agents/agent-directory.js';
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
    const pending = this.storing.get(conversationId);
    if (pending) {
      await pending;
      return this.reserve(tenantId, agentId, conversationId, at);
    }
    const alreadyHeld = this.directory.holderOf(conversationId) !== undefined;
    const outcome = this.directory.reserve(tenantId, agentId, conversationId, at);
    if (!outcome.reserved || alreadyHeld) return outcome;

    const stored = this.writer.save({
      _id: conversationId,
      tenantId,
      agentId: outcome.agentId,
      reservedAt: new Date(at),
    });
    this.storing.set(
      conversationId,
      stored.catch(() => undefined),
    );
    try {
      await stored;
    } catch (error) {
      this.directory.release(tenantId, conversationId);
      throw error;
    } finally {
      this.storing.delete(conversationId);
    }
    return outcome;
  }

  /** Gives the conversation's slot back (only to the tenant holding it); false when it held none. */
  async release(tenantId: string, conversationId: string): Promise<boolean> {
    await this.storing.get(conversationId);
    const holder = this.directory.release(tenantId, conversationId);
    if (!holder) return false;
    try {
      await this.writer.remove(conversationId);
    } catch (error) {
      this.directory.restore(holder.agentId, conversationId, holder.lastAssignedAt);
      throw error;
    }
    return true;
  }
}
