import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { RoutingDecided } from '@handoff/contracts';
import type { Model } from 'mongoose';
import { Decision, QueueEntry } from './decision.schema.js';

@Injectable()
export class DecisionsRepository {
  constructor(
    @InjectModel(Decision.name) private readonly decisions: Model<Decision>,
    @InjectModel(QueueEntry.name) private readonly queue: Model<QueueEntry>,
  ) {}

  async findForEscalation(escalationId: string): Promise<RoutingDecided | null> {
    return (await this.decisions.findById(escalationId).lean())?.event ?? null;
  }

  /** Stores the decision; if another attempt stored one first, that one wins and is returned. */
  async save(decision: RoutingDecided): Promise<RoutingDecided> {
    try {
      await this.decisions.create({
        _id: decision.escalationId,
        conversationId: decision.conversationId,
        tenantId: decision.tenantId,
        outcome: decision.outcome,
        event: decision,
      });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      return (await this.findForEscalation(decision.escalationId)) ?? decision;
    }
    if (decision.outcome === 'queued') await this.enqueue(decision);
    else await this.queue.deleteOne({ _id: decision.conversationId });
    return decision;
  }

  private async enqueue(decision: RoutingDecided): Promise<void> {
    await this.queue.updateOne(
      { _id: decision.conversationId },
      {
        $set: {
          tenantId: decision.tenantId,
          escalationId: decision.escalationId,
          requirements: decision.requirements,
          reason: decision.queue?.reason ?? 'all_agents_busy',
        },
        $setOnInsert: { enqueuedAt: new Date(decision.decidedAt) },
      },
      { upsert: true },
    );
  }

  async queuedCount(tenantId: string): Promise<number> {
    return this.queue.countDocuments({ tenantId });
  }
}
