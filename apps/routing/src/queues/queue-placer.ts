import type { PresenceClient } from '../presence-client/presence.client.js';
import {
  assignedDecision,
  offeredDecision,
  queuedDecision,
  queueReason,
  unservedDecision,
  type QueueReason,
} from './decisions.js';
import { offerIdFor, type Offer } from './offers.js';
import type { Plan, QueuePlans } from './queue-plans.js';
import { recordAnswered } from './service-level.js';
import type { QueueEntry } from './tenant-queue.js';
import type { OwnedQueue, Step } from './tenant-step.js';

/** Position updates go to the first few of a queue, and further back when a place moved by a tenth. */
const alwaysUpdatedPositions = 20;

/**
 * Places a tenant's waiting conversations with agents through presence, as their queues say
 * (strategy, relaxation, policies), and tells those who wait where they stand.
 */
export class QueuePlacer {
  constructor(
    private readonly presence: PresenceClient,
    private readonly plans: QueuePlans,
    private readonly maxPlacements: number,
  ) {}

  /** Tries the first entries of the tenant's queue, in serving order. */
  async placeHead(owned: OwnedQueue, step: Step): Promise<void> {
    if (owned.queue.size > 0) await this.place(owned, owned.queue.head(this.maxPlacements), step);
  }

  /**
   * Asks presence to place the entries in serving order, each as its queue says now (strategy,
   * relaxed requirements) and away from the agents who declined it. The placed leave the queue
   * (assigned, or offered). A new arrival nobody took waits, with a queued decision giving its
   * place, unless its queue's policy sends it elsewhere (nobody could serve it, the queue is full).
   */
  async place(owned: OwnedQueue, entries: readonly QueueEntry[], step: Step): Promise<void> {
    owned.unsettled = false;
    if (entries.length === 0) return;
    const plans = entries.map((entry) => this.plans.plan(entry, step.now.getTime()));
    const { placed } = await this.presence.reserveBest({
      tenantId: owned.tenantId,
      placements: plans.map((plan) => plan.placement),
    });
    const queued: [QueueEntry, QueueReason][] = [];
    entries.forEach((entry, index) => {
      const outcome = placed[index];
      const plan = plans[index]!;
      if (!outcome) return;
      if (outcome.reserved) {
        this.leave(owned, entry, step);
        this.placeWith(owned, entry, outcome, plan, step);
        return;
      }
      entry.current = { queue: plan.queue.name, matchingAgents: outcome.matchingAgents };
      if (entry.admitted) return;
      const reason = queueReason(outcome);
      const position = owned.queue.positionOf(entry.conversationId) ?? 1;
      const unserved = this.plans.whenUnplaced(plan, reason, position);
      if (unserved) {
        this.leave(owned, entry, step);
        step.decisions.push(unservedDecision(entry, 'deflected', unserved, step.now));
        return;
      }
      entry.admitted = true;
      queued.push([entry, reason]);
    });
    // Places are counted once the placed have left the queue.
    for (const [entry, reason] of queued) {
      const waiting = { reason, ...this.placeOf(owned, entry) };
      entry.announced = { ...waiting, at: step.now.getTime() };
      step.decisions.push(queuedDecision(entry, waiting, step.now));
    }
  }

  /** A new arrival outside business hours gets its queue's closed policy, unless that is to wait. */
  admit(owned: OwnedQueue, entry: QueueEntry, step: Step): void {
    const now = step.now.getTime();
    const unserved = this.plans.admission(entry, this.plans.plan(entry, now), now);
    if (!unserved) return;
    this.leave(owned, entry, step);
    step.decisions.push(unservedDecision(entry, 'deflected', unserved, step.now));
  }

  /** Whoever has waited the longest their queue allows leaves it, with the queue's policy. */
  expireOverdue(owned: OwnedQueue, step: Step): void {
    const now = step.now.getTime();
    for (const entry of [...owned.queue.all()]) {
      const unserved = this.plans.overdue(this.plans.plan(entry, now), now);
      if (!unserved) continue;
      this.leave(owned, entry, step);
      step.decisions.push(unservedDecision(entry, 'expired', unserved, step.now));
    }
  }

  leave(owned: OwnedQueue, entry: QueueEntry, step: Step): void {
    owned.queue.remove(entry.conversationId);
    step.leftQueue.push(entry);
  }

  /** The entry's place in its queue and the wait that place means. */
  placeOf(
    owned: OwnedQueue,
    entry: QueueEntry,
    position = owned.queue.positionOf(entry.conversationId) ?? 1,
  ): { queue: string; position: number; estimatedWaitSeconds?: number } {
    const queue = this.plans.queueOf(entry);
    const estimate = owned.waits.estimate(
      queue.name,
      queue.expectedHandleSeconds,
      position,
      entry.current?.matchingAgents ?? 0,
    );
    return {
      queue: queue.name,
      position,
      ...(estimate !== undefined ? { estimatedWaitSeconds: estimate } : {}),
    };
  }

  /**
   * Tells waiting customers their new place and wait, at most once per the tenant's update interval
   * each: everyone near the front, and further back those whose place moved by a tenth. Returns
   * when an update held back is due.
   */
  updatePositions(owned: OwnedQueue, step: Step): number | undefined {
    const now = step.now.getTime();
    const intervalMs = this.plans.tenant(owned.tenantId).positionUpdateSeconds * 1000;
    let heldUntil: number | undefined;
    for (const [entry, position] of owned.queue.positions()) {
      const told = entry.announced;
      if (!entry.admitted || told?.at === now) continue;
      const waiting = this.placeOf(owned, entry, position);
      if (told && !movedEnough(told, waiting)) continue;
      if (told && now - told.at < intervalMs) {
        heldUntil = Math.min(heldUntil ?? Infinity, told.at + intervalMs);
        continue;
      }
      const reason = told?.reason ?? 'all_agents_busy';
      entry.announced = { reason, ...waiting, at: now };
      step.decisions.push(queuedDecision(entry, { reason, ...waiting }, step.now, true));
    }
    return heldUntil;
  }

  placeWith(
    owned: OwnedQueue,
    entry: QueueEntry,
    agent: { agentId: string; displayName: string },
    plan: Plan,
    step: Step,
  ): void {
    if (plan.offerTimeoutMs === 0) {
      owned.waits.assigned(entry.conversationId, plan.queue.name, step.now.getTime());
      recordAnswered(owned.tenantId, plan.queue, entry.enqueuedAt, step.now.getTime());
      step.decisions.push(assignedDecision(entry, agent, plan.routedBy, step.now));
      return;
    }
    const offer: Offer = {
      offerId: offerIdFor(entry, agent.agentId),
      entry,
      agentId: agent.agentId,
      displayName: agent.displayName,
      offeredAt: step.now,
      expiresAt: new Date(step.now.getTime() + plan.offerTimeoutMs),
      routedBy: plan.routedBy,
      stored: false,
    };
    owned.offers.set(entry.conversationId, offer);
    step.offersMade.push(offer);
    step.decisions.push(offeredDecision(offer, step.now));
  }
}

/** A place worth telling: near the front any change, further back a move by a tenth or a new estimate. */
function movedEnough(
  told: { position: number; estimatedWaitSeconds?: number },
  now: { position: number; estimatedWaitSeconds?: number },
): boolean {
  if (told.position === now.position && told.estimatedWaitSeconds === now.estimatedWaitSeconds)
    return false;
  if (now.position <= alwaysUpdatedPositions) return true;
  return Math.abs(told.position - now.position) >= told.position / 10;
}
