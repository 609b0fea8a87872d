import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  deriveId,
  routingDecidedType,
  type EscalationRequested,
  type RoutingDecided,
} from '@handoff/contracts';
import type { EventSink } from '@handoff/messaging';
import { meter } from '@handoff/service-kit';
import { DecisionsRepository } from '../decisions/decisions.repository.js';
import { PresenceClient } from '../presence-client/presence.client.js';
import { rankCandidates } from './rank-candidates.js';
import { requirementsFor } from './requirements.js';

export const MAX_RESERVE_ATTEMPTS = Symbol('MAX_RESERVE_ATTEMPTS');

const decisions = meter().createCounter('handoff_routing_decisions_total', {
  description: 'Routing decisions, by outcome and queue reason',
});
const candidateLimit = 20;

type QueueReason = NonNullable<RoutingDecided['queue']>['reason'];

/**
 * Finds the best free agent for an escalation and reserves one of their chat slots over gRPC;
 * the reservation is atomic in presence, so two routers can never fill the same last slot.
 */
@Injectable()
export class AssignmentService {
  private readonly logger = new Logger(AssignmentService.name);

  constructor(
    private readonly presence: PresenceClient,
    private readonly decisionsRepository: DecisionsRepository,
    @Inject(MAX_RESERVE_ATTEMPTS) private readonly maxReserveAttempts: number,
  ) {}

  async route(
    escalation: EscalationRequested,
    sink: EventSink,
    traceparent?: string,
  ): Promise<RoutingDecided> {
    const earlier = await this.decisionsRepository.findForEscalation(escalation.escalationId);
    const decision =
      earlier ?? (await this.decisionsRepository.save(await this.decide(escalation)));
    sink.emit(routingDecidedType, decision, {
      id: decision.decisionId,
      ...(traceparent ? { traceparent } : {}),
    });
    if (!earlier) {
      decisions.add(1, { outcome: decision.outcome, reason: decision.queue?.reason ?? 'none' });
      this.logger.log({
        message: 'routed',
        conversationId: decision.conversationId,
        outcome: decision.outcome,
        agentId: decision.agent?.agentId,
      });
    }
    return decision;
  }

  private async decide(escalation: EscalationRequested): Promise<RoutingDecided> {
    const { tenantId, conversationId, escalationId } = escalation;
    const requirements = requirementsFor(escalation);
    const found = await this.presence.findCandidates({
      tenantId,
      ...requirements,
      limit: candidateLimit,
    });
    const base = {
      decisionId: deriveId('decision', escalationId),
      escalationId,
      conversationId,
      tenantId,
      requirements,
    };

    for (const candidate of rankCandidates(found.candidates).slice(0, this.maxReserveAttempts)) {
      const reservation = await this.presence.reserveCapacity({
        tenantId,
        agentId: candidate.agentId,
        conversationId,
      });
      if (reservation.reserved) {
        return {
          ...base,
          outcome: 'assigned',
          agent: {
            agentId: reservation.agentId,
            displayName: reservation.displayName || reservation.agentId,
          },
          decidedAt: new Date().toISOString(),
        };
      }
    }
    const reason: QueueReason =
      found.onlineAgents === 0
        ? 'no_agent_online'
        : found.matchingAgents === 0
          ? 'no_matching_agent'
          : 'all_agents_busy';
    return { ...base, outcome: 'queued', queue: { reason }, decidedAt: new Date().toISOString() };
  }
}
