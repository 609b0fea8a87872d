import { Inject, Injectable } from '@nestjs/common';
import { deriveId, type EscalationRequested, type RoutingDecided } from '@handoff/contracts';
import { PresenceClient } from '../presence-client/presence.client.js';
import { rankCandidates } from './rank-candidates.js';
import { requirementsFor } from './requirements.js';

export const MAX_RESERVE_ATTEMPTS = Symbol('MAX_RESERVE_ATTEMPTS');
/** Conversations routed at once by one instance. */
export const ROUTING_CONCURRENCY = Symbol('ROUTING_CONCURRENCY');

type QueueReason = NonNullable<RoutingDecided['queue']>['reason'];

/**
 * Finds the best free agent for an escalation and reserves one of their chat slots over gRPC;
 * the reservation is atomic in presence, so two routers can never fill the same last slot.
 */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly presence: PresenceClient,
    @Inject(MAX_RESERVE_ATTEMPTS) private readonly maxReserveAttempts: number,
  ) {}

  /** The decision for one escalation: an agent whose slot is now reserved, or the queue and why. */
  async decide(escalation: EscalationRequested): Promise<RoutingDecided> {
    const { tenantId, conversationId, escalationId } = escalation;
    const requirements = requirementsFor(escalation);
    const found = await this.presence.findCandidates({
      tenantId,
      ...requirements,
      // Presence answers best first: no more candidates than reservations routing will try.
      limit: this.maxReserveAttempts,
    });
    const base = {
      decisionId: deriveId('decision', escalationId),
      escalationId,
      conversationId,
      tenantId,
      ...(escalation.channel ? { channel: escalation.channel } : {}),
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
