import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { RoutingDecided } from '@handoff/contracts';
import { appendOnce } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import { Decision } from './decision.schema.js';

@Injectable()
export class DecisionsRepository {
  constructor(@InjectModel(Decision.name) private readonly decisions: Model<Decision>) {}

  /**
   * Stores a batch of decisions in one insert, keyed by decision id (an escalation is queued, then
   * assigned or abandoned: one decision of each). Where one was stored before (a redelivered event,
   * or the instance that owned the queue before), that one wins and is returned in its place, so
   * the same decision is announced every time. Only then is the store read.
   */
  async saveAll(decisions: readonly RoutingDecided[]): Promise<RoutingDecided[]> {
    if (decisions.length === 0) return [];
    const records = decisions.map((decision) => ({
      _id: decision.decisionId,
      escalationId: decision.escalationId,
      conversationId: decision.conversationId,
      tenantId: decision.tenantId,
      outcome: decision.outcome,
      event: decision,
    }));
    const taken = await appendOnce(this.decisions, records);
    if (taken.length === 0) return [...decisions];
    const earlier = new Map(
      (await this.decisions.find({ _id: { $in: taken } }).lean()).map((stored) => [
        stored._id,
        stored.event,
      ]),
    );
    return decisions.map((decision) => earlier.get(decision.decisionId) ?? decision);
  }
}
