import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  Topics,
  type CommandResult,
  type OfferAnswered,
  type OfferExpired,
  type QueueDue,
  type RoutingDecided,
  type RoutingEnqueued,
  type RoutingWithdrawn,
} from '@handoff/contracts';
import { describeError, PartitionOwnership } from '@handoff/messaging';
import { PresenceClient } from '../presence-client/presence.client.js';
import { QueueCatalog } from '../queue-config/queue-catalog.js';
import {
  abandonedDecision,
  assignedDecision,
  offeredDecision,
  queuedDecision,
  queueReason,
  reroutedDecision,
  unservedDecision,
  type EndedBy,
  type QueueReason,
} from './decisions.js';
import { OfferStore } from './offer-store.js';
import { OfferTimers } from './offer-timers.js';
import { offerIdFor, type Offer } from './offers.js';
import { QueueDueTimers } from './queue-due-timers.js';
import { QueuePlans, type Plan } from './queue-plans.js';
import { QueueStore } from './queue-store.js';
import { TenantQueue, type QueueEntry } from './tenant-queue.js';
import { WaitEstimates } from './wait-estimates.js';

/** Most conversations placed in one call to presence. */
export const MAX_PLACEMENTS = Symbol('MAX_PLACEMENTS');
/** How long an agent has to accept an offer where the queue does not say; 0 places conversations with agents directly. */
export const OFFER_TIMEOUT_MS = Symbol('OFFER_TIMEOUT_MS');
/** The router's clock (milliseconds since the epoch); tests give their own. */
export const ROUTING_CLOCK = Symbol('ROUTING_CLOCK');
/** Position updates go to the first few of a queue, and further back when a place moved by a tenth. */
const alwaysUpdatedPositions = 20;
/** A deadline never comes sooner than this after the step that sets it, so a late one cannot spin. */
const minimumDelayMs = 50;
const adoptRetryMs = 2_000;

export type QueueChange =
  | { kind: 'enqueued'; data: RoutingEnqueued }
  | { kind: 'withdrawn'; data: RoutingWithdrawn }
  | { kind: 'answered'; data: OfferAnswered }
  | { kind: 'expired'; data: OfferExpired }
  | { kind: 'due'; data: QueueDue };

/**
 * What one step of a tenant's work led to: decisions to announce, answers to commands, and the
 * store deletions to make once they are published (before, a crash would lose conversations
 * whose placement was never announced).
 */
export interface Routed {
  decisions: RoutingDecided[];
  results: CommandResult[];
  forget: () => Promise<void>;
}

interface OwnedQueue {
  tenantId: string;
  queue: TenantQueue;
  /** Offers waiting for an answer, by conversation. */
  offers: Map<string, Offer>;
  partition: number;
  /** Whatever waits may fit agents who freed up: loaded from the store, or a slot came back. */
  unsettled: boolean;
  waits: WaitEstimates;
}

/** The writes and announcements one step gathers, done together at its end. */
class Step {
  readonly decisions: RoutingDecided[] = [];
  readonly results: CommandResult[] = [];
  readonly leftQueue: QueueEntry[] = [];
  readonly backInQueue: QueueEntry[] = [];
  readonly offersMade: Offer[] = [];
  readonly offersEnded: Offer[] = [];
  constructor(readonly now: Date) {}
}

/**
 * Every tenant's queue and offers, owned by the instance that owns the tenant's partition of the
 * queue and availability topics (both keyed by tenant and assigned together), so one instance alone
 * orders a tenant's waiting conversations. New arrivals are placed at once if an agent who fits is
 * free; the rest wait, and are placed in serving order the moment capacity appears. With offers on,
 * a placement is an offer the agent accepts, or declines (or lets run out) and the conversation
 * goes to someone else, never back to them. A tenant's work runs one step at a time; its state in
 * memory is dropped when a step fails or the partition moves, and loaded again from the store.
 * Decisions are not stored here (conversation keeps them): one made again after a crash or a move
 * has the same id and, presence being idempotent per conversation, the same agent, so consumers
 * recognise it as a duplicate.
 */
@Injectable()
export class QueueRouter {
  private readonly logger = new Logger(QueueRouter.name);
  private readonly queues = new Map<string, OwnedQueue>();
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly plans: QueuePlans;

  constructor(
    private readonly presence: PresenceClient,
    private readonly store: QueueStore,
    private readonly offerStore: OfferStore,
    private readonly timers: OfferTimers,
    private readonly dueTimers: QueueDueTimers,
    catalog: QueueCatalog,
    @Inject(MAX_PLACEMENTS) private readonly maxPlacements: number,
    @Inject(OFFER_TIMEOUT_MS) offerTimeoutMs: number,
    ownership: PartitionOwnership,
    @Optional() @Inject(ROUTING_CLOCK) private readonly clock: () => number = Date.now,
  ) {
    this.plans = new QueuePlans(catalog, offerTimeoutMs);
    ownership.onRevoked((topic, partitions) => {
      if (topic !== Topics.RoutingQueue && topic !== Topics.AgentAvailability) return;
      for (const [tenantId, owned] of this.queues)
        if (partitions.includes(owned.partition)) this.drop(tenantId);
    });
    ownership.onAssigned((topic, partitions) => {
      if (topic === Topics.RoutingQueue) void this.adopt(partitions, ownership);
    });
  }

  /** Conversations waiting in the tenant's queue now (as this instance holds it). */
  waiting(tenantId: string): number {
    return this.queues.get(tenantId)?.queue.size ?? 0;
  }

  /** Applies what happened to one tenant's queue, in order; returns what it led to. */
  apply(tenantId: string, partition: number, changes: readonly QueueChange[]): Promise<Routed> {
    return this.exclusively(tenantId, async () => {
      const owned = await this.ownedQueue(tenantId, partition);
      const step = new Step(new Date(this.clock()));
      const arrived: QueueEntry[] = [];
      for (const change of changes) {
        if (change.kind === 'enqueued') {
          const entry = entryOf(change.data);
          if (!owned.offers.has(entry.conversationId) && owned.queue.add(entry))
            arrived.push(entry);
        } else if (change.kind === 'withdrawn') this.withdraw(owned, change.data, step);
        else if (change.kind === 'answered') await this.answer(owned, change.data, step);
        else if (change.kind === 'expired') await this.expire(owned, change.data, step);
        // A deadline passed: relaxed requirements may now fit someone.
        else owned.unsettled = true;
      }
      this.expireOverdue(owned, step);
      for (const entry of arrived) this.admit(owned, entry, step);
      const waiting = () => arrived.filter((entry) => owned.queue.has(entry.conversationId));
      // Those who waited before could not be placed and no capacity has appeared since, so only
      // newcomers can be placed now; a queue loaded or given a slot back is tried in full.
      await this.place(
        owned,
        owned.unsettled ? owned.queue.head(this.maxPlacements) : waiting(),
        step,
      );
      // Only who still waits is stored: were this step to fail, the arrivals come again from Kafka.
      step.backInQueue.push(...waiting());
      return this.finish(owned, step);
    });
  }

  /**
   * Agents' availability changed: offers pending for agents who are no longer online go to someone
   * else, then waiting conversations are placed, first served first.
   */
  drain(tenantId: string, partition: number, unavailable: readonly string[] = []): Promise<Routed> {
    return this.exclusively(tenantId, async () => {
      const owned = await this.ownedQueue(tenantId, partition);
      const step = new Step(new Date(this.clock()));
      const gone = new Set(unavailable);
      for (const offer of [...owned.offers.values()])
        if (gone.has(offer.agentId)) await this.reroute(owned, offer, 'agent_unavailable', step);
      this.expireOverdue(owned, step);
      if (owned.queue.size > 0) await this.place(owned, owned.queue.head(this.maxPlacements), step);
      return this.finish(owned, step);
    });
  }

  /**
   * Asks presence to place the entries in serving order, each as its queue says now (strategy,
   * relaxed requirements) and away from the agents who declined it. The placed leave the queue
   * (assigned, or offered). A new arrival nobody took waits, with a queued decision giving its
   * place, unless its queue's policy sends it elsewhere (nobody could serve it, the queue is full).
   */
  private async place(
    owned: OwnedQueue,
    entries: readonly QueueEntry[],
    step: Step,
  ): Promise<void> {
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
  private admit(owned: OwnedQueue, entry: QueueEntry, step: Step): void {
    const now = step.now.getTime();
    const unserved = this.plans.admission(entry, this.plans.plan(entry, now), now);
    if (!unserved) return;
    this.leave(owned, entry, step);
    step.decisions.push(unservedDecision(entry, 'deflected', unserved, step.now));
  }

  /** Whoever has waited the longest their queue allows leaves it, with the queue's policy. */
  private expireOverdue(owned: OwnedQueue, step: Step): void {
    const now = step.now.getTime();
    for (const entry of [...owned.queue.all()]) {
      const unserved = this.plans.overdue(this.plans.plan(entry, now), now);
      if (!unserved) continue;
      this.leave(owned, entry, step);
      step.decisions.push(unservedDecision(entry, 'expired', unserved, step.now));
    }
  }

  private leave(owned: OwnedQueue, entry: QueueEntry, step: Step): void {
    owned.queue.remove(entry.conversationId);
    step.leftQueue.push(entry);
  }

  /** The entry's place in its queue and the wait that place means. */
  private placeOf(
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
  private updatePositions(owned: OwnedQueue, step: Step): number | undefined {
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

  private placeWith(
    owned: OwnedQueue,
    entry: QueueEntry,
    agent: { agentId: string; displayName: string },
    plan: Plan,
    step: Step,
  ): void {
    if (plan.offerTimeoutMs === 0) {
      owned.waits.assigned(entry.conversationId, plan.queue.name, step.now.getTime());
      step.decisions.push(assignedDecision(entry, agent, step.now));
      return;
    }
    const offer: Offer = {
      offerId: offerIdFor(entry, agent.agentId),
      entry,
      agentId: agent.agentId,
      displayName: agent.displayName,
      expiresAt: new Date(step.now.getTime() + plan.offerTimeoutMs),
      stored: false,
    };
    owned.offers.set(entry.conversationId, offer);
    step.offersMade.push(offer);
    step.decisions.push(offeredDecision(offer, step.now));
  }

  private withdraw(owned: OwnedQueue, withdrawn: RoutingWithdrawn, step: Step): void {
    const offer = owned.offers.get(withdrawn.conversationId);
    if (offer) this.endOffer(owned, offer, step);
    const entry = offer?.entry ?? owned.queue.remove(withdrawn.conversationId);
    if (!entry) {
      // It was with an agent: how long they had it tells the queue's wait estimates.
      owned.waits.closed(withdrawn.conversationId, step.now.getTime());
      return;
    }
    step.leftQueue.push(entry);
    step.decisions.push(abandonedDecision(entry, step.now));
  }

  private async answer(owned: OwnedQueue, answered: OfferAnswered, step: Step): Promise<void> {
    const offer = owned.offers.get(answered.conversationId);
    const result = (status: 'done' | 'refused', reason?: string) =>
      step.results.push({
        commandId: answered.commandId,
        tenantId: answered.tenantId,
        agentId: answered.agentId,
        conversationId: answered.conversationId,
        status,
        ...(reason ? { reason } : {}),
        decidedAt: step.now.toISOString(),
      });
    if (!offer || offer.offerId !== answered.offerId || offer.agentId !== answered.agentId)
      return void result(
        'refused',
        'no such offer is open for this agent: it expired, was answered, or is not theirs',
      );
    if (answered.answer === 'accepted') {
      this.endOffer(owned, offer, step);
      const queue = this.plans.queueOf(offer.entry).name;
      owned.waits.assigned(offer.entry.conversationId, queue, step.now.getTime());
      step.decisions.push(assignedDecision(offer.entry, offer, step.now));
      return void result('done');
    }
    if (answered.answer !== 'declined')
      return void result('refused', `unknown answer ${answered.answer}`);
    await this.reroute(owned, offer, 'declined', step);
    result('done');
  }

  private async expire(owned: OwnedQueue, expired: OfferExpired, step: Step): Promise<void> {
    const offer = owned.offers.get(expired.conversationId);
    if (offer?.offerId === expired.offerId) await this.reroute(owned, offer, 'expired', step);
  }

  /** The agent gives the slot back and the conversation waits again, in its old place, for someone else. */
  private async reroute(
    owned: OwnedQueue,
    offer: Offer,
    endedBy: EndedBy,
    step: Step,
  ): Promise<void> {
    await this.presence.releaseCapacity({
      tenantId: offer.entry.tenantId,
      conversationId: offer.entry.conversationId,
    });
    this.endOffer(owned, offer, step);
    const entry: QueueEntry = {
      ...offer.entry,
      declinedBy: [...offer.entry.declinedBy, offer.agentId],
      stored: false,
    };
    owned.queue.add(entry);
    step.backInQueue.push(entry);
    step.decisions.push(reroutedDecision(offer, endedBy, step.now));
    owned.unsettled = true;
  }

  private endOffer(owned: OwnedQueue, offer: Offer, step: Step): void {
    owned.offers.delete(offer.entry.conversationId);
    this.timers.cancel(offer.offerId);
    step.offersEnded.push(offer);
  }

  /**
   * Tells waiting customers their new places, stores who waits and the new offers, arms their
   * deadlines and the queue's next one, and hands back what to announce with the deletions that
   * must wait until it is announced.
   */
  private async finish(owned: OwnedQueue, step: Step): Promise<Routed> {
    const heldUntil = this.updatePositions(owned, step);
    const made = step.offersMade.filter((offer) => !step.offersEnded.includes(offer));
    await Promise.all([
      this.store.append(
        step.backInQueue.filter((entry) => !step.leftQueue.includes(entry)),
        owned.partition,
      ),
      this.offerStore.append(made, owned.partition),
    ]);
    made.forEach((offer) => this.timers.arm(offer));
    this.armNextDeadline(owned, heldUntil, step.now.getTime());
    const forget = async () => {
      await Promise.all([
        this.store.remove(step.leftQueue),
        this.offerStore.remove(step.offersEnded),
      ]);
    };
    return { decisions: step.decisions, results: step.results, forget };
  }

  /** The earliest of the waiting entries' next relaxation step, preferred-agent wait and longest wait. */
  private armNextDeadline(owned: OwnedQueue, heldUntil: number | undefined, now: number): void {
    let next = heldUntil ?? Infinity;
    for (const entry of owned.queue.all()) {
      const plan = this.plans.plan(entry, now);
      next = Math.min(next, plan.maxWaitAt, plan.changesAt ?? Infinity);
    }
    this.dueTimers.arm(
      owned.tenantId,
      next === Infinity ? undefined : Math.max(next, now + minimumDelayMs),
    );
  }

  private async ownedQueue(tenantId: string, partition: number): Promise<OwnedQueue> {
    const known = this.queues.get(tenantId);
    if (known) return known;
    const [entries, offers] = await Promise.all([
      this.store.load(tenantId),
      this.offerStore.load(tenantId),
    ]);
    const owned: OwnedQueue = {
      tenantId,
      queue: new TenantQueue(this.plans.tenant(tenantId).agingSeconds * 1000),
      offers: new Map(),
      partition,
      unsettled: entries.length > 0,
      waits: new WaitEstimates(),
    };
    for (const entry of entries) owned.queue.add(entry);
    for (const offer of offers) {
      owned.offers.set(offer.entry.conversationId, offer);
      this.timers.arm(offer);
    }
    this.queues.set(tenantId, owned);
    return owned;
  }

  /**
   * Loads the tenants stored for partitions this instance was just given, so their offer and queue
   * deadlines are armed again without waiting for the tenant's next event; their queue is looked
   * at again at once (a slot may have come back while nobody owned it). Tenants stored before
   * partitions were recorded are loaded by their next event instead.
   */
  private async adopt(partitions: readonly number[], ownership: PartitionOwnership): Promise<void> {
    try {
      const found = await Promise.all([
        this.store.tenantsIn(partitions),
        this.offerStore.tenantsIn(partitions),
      ]);
      for (const { tenantId, partition } of found.flat()) {
        if (!ownership.owns(Topics.RoutingQueue, partition)) continue;
        await this.exclusively(tenantId, async () => {
          const owned = await this.ownedQueue(tenantId, partition);
          if (owned.queue.size > 0) this.dueTimers.arm(tenantId, this.clock() + minimumDelayMs);
        });
      }
    } catch (error) {
      // The store is away: the tenants load with their next event, or when this is tried again.
      this.logger.warn({
        message: 'could not load the tenants of new partitions',
        error: describeError(error),
      });
      const retry = partitions.filter((partition) =>
        ownership.owns(Topics.RoutingQueue, partition),
      );
      if (retry.length > 0)
        setTimeout(() => void this.adopt(retry, ownership), adoptRetryMs).unref();
    }
  }

  /**
   * Drops a tenant's state from memory (it is loaded again from the store when next needed): the
   * partition moved, or a step's effects were not stored or published.
   */
  drop(tenantId: string): void {
    this.queues.delete(tenantId);
    this.timers.cancelTenant(tenantId);
    this.dueTimers.cancel(tenantId);
  }

  /** Runs one step of a tenant's work after the previous one; a failed step drops its state from memory. */
  private exclusively<T>(tenantId: string, step: () => Promise<T>): Promise<T> {
    const previous = this.running.get(tenantId) ?? Promise.resolve();
    const current = previous.then(step, step).catch((error: unknown) => {
      this.drop(tenantId);
      throw error;
    });
    const settled = current.catch(() => undefined);
    this.running.set(tenantId, settled);
    void settled.then(() => {
      if (this.running.get(tenantId) === settled) this.running.delete(tenantId);
    });
    return current;
  }
}

function entryOf(enqueued: RoutingEnqueued): QueueEntry {
  return {
    escalationId: enqueued.escalationId,
    conversationId: enqueued.conversationId,
    tenantId: enqueued.tenantId,
    ...(enqueued.channel ? { channel: enqueued.channel } : {}),
    requirements: enqueued.requirements,
    priority: enqueued.priority,
    enqueuedAt: new Date(enqueued.enqueuedAt),
    queue: enqueued.queue ?? '',
    ...(enqueued.preferredAgentId ? { preferredAgentId: enqueued.preferredAgentId } : {}),
    declinedBy: [],
    admitted: false,
    stored: false,
  };
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
