// Fakes around the QueueRouter (presence, stores, timers) and helpers to drive it, for its unit tests.
import {
  type Placed__Output,
  type Placement,
  type ReserveBestRequest,
  type ReserveBestResponse__Output,
  type RoutingEnqueued,
} from '@handoff/contracts';
import { PartitionOwnership } from '@handoff/messaging';
import type { PresenceClient } from '../presence-client/presence.client.js';
import { defaultRoutingConfig, QueueCatalog } from '../queue-config/queue-catalog.js';
import type { RoutingConfigFile } from '../queue-config/queue-config.schema.js';
import type { OfferStore } from './offer-store.js';
import type { OfferTimers } from './offer-timers.js';
import type { Offer } from './offers.js';
import type { QueueDueTimers } from './queue-due-timers.js';
import { QueueRouter, type QueueChange, type Routed } from './queue-router.js';
import type { QueueStore } from './queue-store.js';
import type { QueueEntry } from './tenant-queue.js';

/** Agents with free slots, by the language they speak; places conversations in the order asked. */
export class FakePresence {
  readonly free: { agentId: string; language: string; slots: number }[] = [];
  online = 0;
  failNext = false;
  readonly calls: string[][] = [];
  /** Every placement asked for, call by call. */
  readonly requests: Placement[][] = [];
  readonly holders = new Map<string, { agentId: string; slots: number }>();

  async releaseCapacity(request: { conversationId?: string }) {
    const holder = this.holders.get(request.conversationId!);
    if (holder) holder.slots++;
    this.holders.delete(request.conversationId!);
    return { released: holder !== undefined, agentId: holder?.agentId ?? '' };
  }

  async confirmReservation(request: { conversationId?: string }) {
    const holder = this.holders.get(request.conversationId!);
    return { confirmed: holder !== undefined, agentId: holder?.agentId ?? '' };
  }

  async reserveCapacity(request: { agentId?: string; conversationId?: string }) {
    const agent = this.free.find((candidate) => candidate.agentId === request.agentId);
    if (!agent || agent.slots === 0) return { reserved: false };
    agent.slots--;
    this.holders.set(request.conversationId!, agent);
    return { reserved: true, agentId: agent.agentId };
  }

  async reserveBest(request: ReserveBestRequest): Promise<ReserveBestResponse__Output> {
    if (this.failNext) {
      this.failNext = false;
      throw Object.assign(new Error('14 UNAVAILABLE: presence restarting'), { code: 14 });
    }
    this.calls.push((request.placements ?? []).map((placement) => placement.conversationId!));
    this.requests.push(request.placements ?? []);
    return {
      placed: (request.placements ?? []).map((placement): Placed__Output => {
        const agent = this.free.find(
          (candidate) =>
            candidate.language === placement.language &&
            candidate.slots > 0 &&
            !placement.excludeAgentIds?.includes(candidate.agentId) &&
            (!placement.preferredOnly || candidate.agentId === placement.preferredAgentId),
        );
        const matching = this.free.filter((candidate) => candidate.language === placement.language);
        if (!agent)
          return {
            conversationId: placement.conversationId!,
            reserved: false,
            agentId: '',
            displayName: '',
            activeChats: 0,
            onlineAgents: this.online,
            matchingAgents: matching.length,
          };
        agent.slots--;
        this.holders.set(placement.conversationId!, agent);
        return {
          conversationId: placement.conversationId!,
          reserved: true,
          agentId: agent.agentId,
          displayName: `Agent ${agent.agentId}`,
          activeChats: 1,
          onlineAgents: this.online,
          matchingAgents: matching.length,
        };
      }),
    };
  }
}

export class FakeQueueStore {
  readonly stored = new Map<string, QueueEntry>();
  async load(tenantId: string): Promise<QueueEntry[]> {
    return [...this.stored.values()]
      .filter((entry) => entry.tenantId === tenantId)
      .map((entry) => ({ ...entry, admitted: true, announced: undefined, stored: true }));
  }
  readonly removals: string[] = [];
  /** The partition each tenant's entries were stored for. */
  readonly partitions = new Map<string, number>();
  async tenantsIn(partitions: readonly number[]) {
    return [...this.partitions]
      .filter(([tenantId, partition]) => partitions.includes(partition) && this.holds(tenantId))
      .map(([tenantId, partition]) => ({ tenantId, partition }));
  }
  private holds(tenantId: string): boolean {
    return [...this.stored.values()].some((entry) => entry.tenantId === tenantId);
  }
  async append(entries: readonly QueueEntry[], partition = 0): Promise<void> {
    for (const entry of entries) {
      entry.stored = true;
      this.stored.set(entry.conversationId, { ...entry });
      this.partitions.set(entry.tenantId, partition);
    }
  }
  async remove(entries: readonly QueueEntry[]): Promise<void> {
    for (const entry of entries.filter(({ stored }) => stored)) {
      this.removals.push(entry.conversationId);
      this.stored.delete(entry.conversationId);
    }
  }
}

export class FakeOfferStore {
  readonly stored = new Map<string, Offer>();
  async load(tenantId: string): Promise<Offer[]> {
    return [...this.stored.values()].filter((offer) => offer.entry.tenantId === tenantId);
  }
  async tenantsIn(): Promise<{ tenantId: string; partition: number }[]> {
    return [];
  }
  async append(offers: readonly Offer[]): Promise<void> {
    for (const offer of offers) this.stored.set(offer.offerId, { ...offer, stored: true });
  }
  async remove(offers: readonly Offer[]): Promise<void> {
    for (const offer of offers) this.stored.delete(offer.offerId);
  }
}

/** The queue's next deadline per tenant, as the router arms it; a test fires it by hand. */
export class FakeDueTimers {
  readonly armed = new Map<string, number>();
  arm(tenantId: string, at: number | undefined): void {
    if (at === undefined) this.armed.delete(tenantId);
    else this.armed.set(tenantId, at);
  }
  cancel(tenantId: string): void {
    this.armed.delete(tenantId);
  }
}

/** Deadlines as the router arms them; a test fires them by hand. */
export class FakeTimers {
  readonly armed = new Map<string, Offer>();
  arm(offer: Offer): void {
    this.armed.set(offer.offerId, offer);
  }
  cancel(offerId: string): void {
    this.armed.delete(offerId);
  }
  cancelTenant(tenantId: string): void {
    for (const [offerId, offer] of this.armed)
      if (offer.entry.tenantId === tenantId) this.armed.delete(offerId);
  }
}

/** A moment that many seconds before now, as events carry it. */
export function ago(seconds: number): string {
  return new Date(Date.now() - seconds * 1000).toISOString();
}

export function enqueued(
  conversationId: string,
  changes: Partial<RoutingEnqueued> = {},
): QueueChange {
  return {
    kind: 'enqueued',
    data: {
      escalationId: `esc:${conversationId}`,
      conversationId,
      tenantId: 'acme',
      requirements: { language: 'en', skills: [] },
      priority: 0,
      enqueuedAt: new Date().toISOString(),
      ...changes,
    },
  };
}

export function withdrawn(conversationId: string): QueueChange {
  return {
    kind: 'withdrawn',
    data: {
      conversationId,
      tenantId: 'acme',
      reason: 'customer_left',
      withdrawnAt: '2026-11-26T10:05:00.000Z',
    },
  };
}

export const summary = ({ decisions }: Routed) =>
  decisions.map((decision) =>
    [
      decision.conversationId,
      decision.outcome,
      decision.agent?.agentId ?? decision.queue?.reason ?? '',
      decision.queue?.position ?? '',
    ].join(' '),
  );

/** A router over the fakes; offers are on when given a timeout. */
export class RouterHarness {
  readonly presence = new FakePresence();
  readonly store = new FakeQueueStore();
  readonly offers = new FakeOfferStore();
  readonly timers = new FakeTimers();
  readonly dueTimers = new FakeDueTimers();
  readonly ownership = new PartitionOwnership();
  readonly router: QueueRouter;

  /** The router's clock: real time unless a test moves it. */
  now = Date.now();

  constructor(offerTimeoutMs = 0, queues: RoutingConfigFile = defaultRoutingConfig) {
    this.router = new QueueRouter(
      this.presence as unknown as PresenceClient,
      this.store as unknown as QueueStore,
      this.offers as unknown as OfferStore,
      this.timers as unknown as OfferTimers,
      this.dueTimers as unknown as QueueDueTimers,
      new QueueCatalog(queues),
      200,
      offerTimeoutMs,
      this.ownership,
      () => this.now,
    );
  }

  /** A step, then its deletions, as the consumer runs them once the step's events are published. */
  async applied(...args: Parameters<QueueRouter['apply']>): Promise<Routed> {
    const routed = await this.router.apply(...args);
    await routed.forget();
    return routed;
  }

  async drained(...args: Parameters<QueueRouter['drain']>): Promise<Routed> {
    const routed = await this.router.drain(...args);
    await routed.forget();
    return routed;
  }
}
