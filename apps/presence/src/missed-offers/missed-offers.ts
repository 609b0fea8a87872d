import { Inject, Injectable } from '@nestjs/common';
import type { AgentStatusChanged, RoutingDecided } from '@handoff/contracts';
import { AgentDirectory, tenantKey } from '../agents/agent-directory.js';
import { statusChangeOf } from '../agents/status-change.js';

/** Offers an agent may let run out in a row before presence sets them away; 0 never does. */
export const MAX_MISSED_OFFERS = Symbol('MAX_MISSED_OFFERS');

/**
 * Counts the offers each agent let run out in a row (an accepted one starts the count again). At
 * the limit, the agent is set away with reason missed_offers, so no more conversations wait on an
 * agent who is not there; they come back by setting themselves online.
 */
@Injectable()
export class MissedOffers {
  private readonly missed = new Map<string, number>();

  constructor(
    private readonly directory: AgentDirectory,
    @Inject(MAX_MISSED_OFFERS) private readonly limit: number,
  ) {}

  /** The status change to publish when this decision takes the agent to the limit, if it does. */
  observe(decision: RoutingDecided): AgentStatusChanged | undefined {
    const agentId = decision.agent?.agentId;
    if (!agentId || this.limit === 0) return undefined;
    const key = tenantKey(decision.tenantId, agentId);
    if (decision.outcome === 'assigned') {
      this.missed.delete(key);
      return undefined;
    }
    if (decision.outcome !== 'rerouted' || decision.offer?.endedBy !== 'expired') return undefined;
    const missed = (this.missed.get(key) ?? 0) + 1;
    if (missed < this.limit) {
      this.missed.set(key, missed);
      return undefined;
    }
    this.missed.delete(key);
    const agent = this.directory.get(decision.tenantId, agentId);
    if (agent?.status !== 'online') return undefined;
    return statusChangeOf(agent, 'away', 'missed_offers');
  }
}
