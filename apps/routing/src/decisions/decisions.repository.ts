import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { RoutingDecided } from '@handoff/contracts';
import type { Model } from 'mongoose';
import { Decision } from './decision.schema.js';

const duplicateKey = 11000;

@Injectable()
export class DecisionsRepository {
  constructor(@InjectModel(Decision.name) private readonly decisions: Model<Decision>) {}

  /**
   * Stores a batch of decisions in one insert, keyed by escalation. Where one was stored before (a
   * redelivered escalation, or another router that got there first), that one wins and is returned
   * in its place, so every router announces the same decision. Only then is the store read.
   */
  async saveAll(decisions: readonly RoutingDecided[]): Promise<RoutingDecided[]> {
    if (decisions.length === 0) return [];
    const records = decisions.map((decision) => ({
      _id: decision.escalationId,
      conversationId: decision.conversationId,
      tenantId: decision.tenantId,
      outcome: decision.outcome,
      event: decision,
    }));
    let taken: string[] = [];
    try {
      await this.decisions.collection.insertMany(records as never[], { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { code?: number; index: number }[] })
        .writeErrors;
      if (
        !writeErrors?.length ||
        writeErrors.some((writeError) => writeError.code !== duplicateKey)
      )
        throw error;
      taken = writeErrors.map((writeError) => records[writeError.index]!._id);
    }
    if (taken.length === 0) return [...decisions];
    const earlier = new Map(
      (await this.decisions.find({ _id: { $in: taken } }).lean()).map((stored) => [
        stored._id,
        stored.event,
      ]),
    );
    return decisions.map((decision) => earlier.get(decision.escalationId) ?? decision);
  }

  async findForEscalation(escalationId: string): Promise<RoutingDecided | null> {
    return (await this.decisions.findById(escalationId).lean())?.event ?? null;
  }
}
