import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  Topics,
  type CommandResult,
  type OfferAnswered,
  type DeskResult,
  type OfferExpired,
  type OffersListRequested,
  type QueueDue,
  type TransferRequested,
  type RoutingDecided,
  type RoutingEnqueued,
  type RoutingWithdrawn,
} from '@handoff/contracts';
import { describeError, PartitionOwnership } from '@handoff/messaging';
import { PresenceClient } from '../presence-client/presence.client.js';
import { QueueCatalog } from '../queue-config/queue-catalog.js';
import { OfferAnswers } from './offer-answers.js';
import { offersListResult } from './offer-lists.js';
import { OfferStore } from './offer-store.js';
import { OfferTimers } from './offer-timers.js';
import { QueueDueTimers } from './queue-due-timers.js';
import { QueuePlacer } from './queue-placer.js';
import { QueuePlans } from './queue-plans.js';
import { QueueStore } from './queue-store.js';
import { TenantQueue, type QueueEntry } from './tenant-queue.js';
import { Transfers } from './transfers.js';
import { Step, type OwnedQueue } from './tenant-step.js';
import { WaitEstimates } from './wait-estimates.js';

/** Most conversations placed in one call to presence. */
export const MAX_PLACEMENTS = Symbol('MAX_PLACEMENTS');
/** How long an agent has to accept an offer where the queue does not say; 0 places conversations with agents directly. */
export const OFFER_TIMEOUT_MS = Symbol('OFFER_TIMEOUT_MS');
/** The router's clock (milliseconds since the epoch); tests give their own. */
export const ROUTING_CLOCK = Symbol('ROUTING_CLOCK');
/** A deadline never comes sooner than this after the step that sets it, so a late one cannot spin. */
const minimumDelayMs = 50;
const adoptRetryMs = 2_000;

export type QueueChange =
  | { kind: 'enqueued'; data: RoutingEnqueued }
  | { kind: 'withdrawn'; data: RoutingWithdrawn }
  | { kind: 'answered'; data: OfferAnswered }
  | { kind: 'expired'; data: OfferExpired }
  | { kind: 'due'; data: QueueDue }
  | { kind: 'transfer'; data: TransferRequested }
  | { kind: 'list'; data: OffersListRequested };

/**
 * What one step of a tenant's work led to: decisions to announce, answers to commands, and the
 * store deletions to make once they are published (before, a crash would lose conversations
 * whose placement was never announced).
 */
export interface Routed {
  decisions: RoutingDecided[];
  results: CommandResult[];
  deskResults: DeskResult[];
  forget: () => Promise<void>;
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
  private readonly placer: QueuePlacer;
  private readonly answers: OfferAnswers;
  private readonly transfers: Transfers;

  constructor(
    presence: PresenceClient,
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
    this.placer = new QueuePlacer(presence, this.plans, maxPlacements);
    this.answers = new OfferAnswers(presence, timers, this.plans);
    this.transfers = new Transfers(presence, this.plans, this.placer);
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
      const lists: OffersListRequested[] = [];
      for (const change of changes) {
        if (change.kind === 'enqueued') {
          const entry = entryOf(change.data);
          if (!owned.offers.has(entry.conversationId) && owned.queue.add(entry))
            arrived.push(entry);
        } else if (change.kind === 'withdrawn') this.answers.withdraw(owned, change.data, step);
        else if (change.kind === 'answered') await this.answers.answer(owned, change.data, step);
        else if (change.kind === 'expired') await this.answers.expire(owned, change.data, step);
        else if (change.kind === 'transfer')
          await this.transfers.transfer(owned, change.data, step);
        else if (change.kind === 'list') lists.push(change.data);
        // A deadline passed: relaxed requirements may now fit someone.
        else owned.unsettled = true;
      }
      this.placer.expireOverdue(owned, step);
      for (const entry of arrived) this.placer.admit(owned, entry, step);
      const waiting = () => arrived.filter((entry) => owned.queue.has(entry.conversationId));
      // Those who waited before could not be placed and no capacity has appeared since, so only
      // newcomers can be placed now; a queue loaded or given a slot back is tried in full.
      await this.placer.place(
        owned,
        owned.unsettled ? owned.queue.head(this.maxPlacements) : waiting(),
        step,
      );
      // Only who still waits is stored: were this step to fail, the arrivals come again from Kafka.
      step.backInQueue.push(...waiting());
      // Answered from memory once the step has placed what it could: the offers as they now stand.
      for (const list of lists)
        step.deskResults.push(
          offersListResult(
            owned.offers.values(),
            list,
            step.now,
            (entry) => this.plans.queueOf(entry).name,
          ),
        );
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
        if (gone.has(offer.agentId))
          await this.answers.reroute(owned, offer, 'agent_unavailable', step);
      this.placer.expireOverdue(owned, step);
      await this.placer.placeHead(owned, step);
      return this.finish(owned, step);
    });
  }

  /**
   * Tells waiting customers their new places, stores who waits and the new offers, arms their
   * deadlines and the queue's next one, and hands back what to announce with the deletions that
   * must wait until it is announced.
   */
  private async finish(owned: OwnedQueue, step: Step): Promise<Routed> {
    const heldUntil = this.placer.updatePositions(owned, step);
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
    return {
      decisions: step.decisions,
      results: step.results,
      deskResults: step.deskResults,
      forget,
    };
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
