import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  Topics,
  type Placed__Output,
  type ReserveBestRequest,
  type ReserveBestResponse__Output,
  type RoutingEnqueued,
} from '@handoff/contracts';
import { PartitionOwnership } from '@handoff/messaging';
import type { PresenceClient } from '../presence-client/presence.client.js';
import type { OfferStore } from './offer-store.js';
import type { OfferTimers } from './offer-timers.js';
import type { Offer } from './offers.js';
import { QueueRouter, type QueueChange, type Routed } from './queue-router.js';
import type { QueueStore } from './queue-store.js';
import type { QueueEntry } from './tenant-queue.js';

/** Agents with free slots, by the language they speak; places conversations in the order asked. */
class FakePresence {
  readonly free: { agentId: string; language: string; slots: number }[] = [];
  online = 0;
  failNext = false;
  readonly calls: string[][] = [];
  readonly holders = new Map<string, { slots: number }>();

  async releaseCapacity(request: { conversationId?: string }) {
    const holder = this.holders.get(request.conversationId!);
    if (holder) holder.slots++;
    this.holders.delete(request.conversationId!);
    return { released: holder !== undefined };
  }

  async reserveBest(request: ReserveBestRequest): Promise<ReserveBestResponse__Output> {
    if (this.failNext) {
      this.failNext = false;
      throw Object.assign(new Error('14 UNAVAILABLE: presence restarting'), { code: 14 });
    }
    this.calls.push((request.placements ?? []).map((placement) => placement.conversationId!));
    return {
      placed: (request.placements ?? []).map((placement): Placed__Output => {
        const agent = this.free.find(
          (candidate) =>
            candidate.language === placement.language &&
            candidate.slots > 0 &&
            !placement.excludeAgentIds?.includes(candidate.agentId),
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

class FakeQueueStore {
  readonly stored = new Map<string, QueueEntry>();
  async load(tenantId: string): Promise<QueueEntry[]> {
    return [...this.stored.values()]
      .filter((entry) => entry.tenantId === tenantId)
      .map((entry) => ({ ...entry, announced: false, stored: true }));
  }
  readonly removals: string[] = [];
  async append(entries: readonly QueueEntry[]): Promise<void> {
    for (const entry of entries) {
      entry.stored = true;
      this.stored.set(entry.conversationId, { ...entry });
    }
  }
  async remove(entries: readonly QueueEntry[]): Promise<void> {
    for (const entry of entries.filter(({ stored }) => stored)) {
      this.removals.push(entry.conversationId);
      this.stored.delete(entry.conversationId);
    }
  }
}

class FakeOfferStore {
  readonly stored = new Map<string, Offer>();
  async load(tenantId: string): Promise<Offer[]> {
    return [...this.stored.values()].filter((offer) => offer.entry.tenantId === tenantId);
  }
  async append(offers: readonly Offer[]): Promise<void> {
    for (const offer of offers) this.stored.set(offer.offerId, { ...offer, stored: true });
  }
  async remove(offers: readonly Offer[]): Promise<void> {
    for (const offer of offers) this.stored.delete(offer.offerId);
  }
}

/** Deadlines as the router arms them; a test fires them by hand. */
class FakeTimers {
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

function enqueued(conversationId: string, changes: Partial<RoutingEnqueued> = {}): QueueChange {
  return {
    kind: 'enqueued',
    data: {
      escalationId: `esc:${conversationId}`,
      conversationId,
      tenantId: 'acme',
      requirements: { language: 'en', skills: [] },
      priority: 0,
      enqueuedAt: '2026-11-26T10:00:00.000Z',
      ...changes,
    },
  };
}

function withdrawn(conversationId: string): QueueChange {
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

const summary = ({ decisions }: Routed) =>
  decisions.map((decision) =>
    [
      decision.conversationId,
      decision.outcome,
      decision.agent?.agentId ?? decision.queue?.reason ?? '',
      decision.queue?.position ?? '',
    ].join(' '),
  );

describe('QueueRouter', () => {
  let presence: FakePresence;
  let store: FakeQueueStore;
  let ownership: PartitionOwnership;
  let router: QueueRouter;
  let offers: FakeOfferStore;
  let timers: FakeTimers;

  beforeEach(() => {
    presence = new FakePresence();
    store = new FakeQueueStore();
    ownership = new PartitionOwnership();
    router = routerWith(0);
  });

  /** A step, then its deletions, as the consumer runs them once the step's events are published. */
  async function applied(...args: Parameters<QueueRouter['apply']>): Promise<Routed> {
    const routed = await router.apply(...args);
    await routed.forget();
    return routed;
  }
  async function drained(...args: Parameters<QueueRouter['drain']>): Promise<Routed> {
    const routed = await router.drain(...args);
    await routed.forget();
    return routed;
  }

  function routerWith(offerTimeoutMs: number): QueueRouter {
    offers = new FakeOfferStore();
    timers = new FakeTimers();
    return new QueueRouter(
      presence as unknown as PresenceClient,
      store as unknown as QueueStore,
      offers as unknown as OfferStore,
      timers as unknown as OfferTimers,
      200,
      offerTimeoutMs,
      ownership,
    );
  }

  it('assigns a newcomer at once when an agent who fits is free, and keeps nothing waiting', async () => {
    presence.online = 1;
    presence.free.push({ agentId: 'ana', language: 'en', slots: 1 });
    const decided = await applied('acme', 0, [enqueued('c1')]);
    assert.deepEqual(summary(decided), ['c1 assigned ana ']);
    assert.equal(decided.decisions[0]!.decisionId, 'decision:esc:c1');
    assert.equal(router.waiting('acme'), 0);
    assert.equal(store.stored.size, 0);
    assert.deepEqual(store.removals, [], 'placed at once, it was never stored');
  });

  it('queues with the reason and place, then serves the highest priority and the oldest first when capacity appears', async () => {
    presence.online = 1;
    presence.free.push({ agentId: 'ana', language: 'en', slots: 0 });
    const queued = await applied('acme', 0, [
      enqueued('old', { enqueuedAt: '2026-11-26T10:00:00.000Z' }),
      enqueued('new', { enqueuedAt: '2026-11-26T10:01:00.000Z' }),
      enqueued('vip', { enqueuedAt: '2026-11-26T10:02:00.000Z', priority: 5 }),
      enqueued('spanish', {
        enqueuedAt: '2026-11-26T10:03:00.000Z',
        requirements: { language: 'es', skills: [] },
      }),
    ]);
    assert.deepEqual(summary(queued), [
      'old queued all_agents_busy 2',
      'new queued all_agents_busy 3',
      'vip queued all_agents_busy 1',
      'spanish queued no_matching_agent 4',
    ]);
    assert.equal(store.stored.size, 4, 'every waiting conversation is stored');

    presence.free[0]!.slots = 2;
    const afterRelease = await drained('acme', 0);
    assert.deepEqual(summary(afterRelease), ['vip assigned ana ', 'old assigned ana ']);
    assert.deepEqual([...store.stored.keys()].sort(), ['new', 'spanish']);
    assert.deepEqual(summary(await drained('acme', 0)), [], 'nobody is told twice that they wait');
  });

  it('places only newcomers while nothing has freed up, and holds a conversation once', async () => {
    presence.online = 1;
    await applied('acme', 0, [enqueued('c1')]);
    const again = await applied('acme', 0, [
      enqueued('c1', { escalationId: 'esc:c1:again' }),
      enqueued('c2'),
    ]);
    assert.deepEqual(summary(again), ['c2 queued no_matching_agent 2']);
    assert.deepEqual(presence.calls, [['c1'], ['c2']]);
  });

  it('deletes what left the queue only once its decisions are published', async () => {
    presence.online = 1;
    await applied('acme', 0, [enqueued('c1')]);
    presence.free.push({ agentId: 'ana', language: 'en', slots: 1 });
    const routed = await router.drain('acme', 0);
    assert.deepEqual(summary(routed), ['c1 assigned ana ']);
    assert.deepEqual([...store.stored.keys()], ['c1'], 'still stored until announced');
    await routed.forget();
    assert.equal(store.stored.size, 0);
  });

  it('lets a conversation that ended leave the queue with an abandoned decision', async () => {
    presence.online = 0;
    await applied('acme', 0, [enqueued('c1'), enqueued('c2')]);
    const decided = await applied('acme', 0, [withdrawn('c1'), withdrawn('never-queued')]);
    assert.deepEqual(summary(decided), ['c1 abandoned  ']);
    assert.equal(decided.decisions[0]!.decisionId, 'decision:esc:c1:abandoned');
    assert.deepEqual([...store.stored.keys()], ['c2']);
    assert.equal(router.waiting('acme'), 1);
  });

  it('after a failed call to presence, loads the queue again from the store and tries everyone waiting', async () => {
    presence.online = 1;
    await applied('acme', 0, [enqueued('c1')]);
    presence.failNext = true;
    await assert.rejects(applied('acme', 0, [enqueued('c2')]), /UNAVAILABLE/);
    assert.equal(router.waiting('acme'), 0, 'the queue in memory is dropped');

    presence.free.push({ agentId: 'ana', language: 'en', slots: 2 });
    const retried = await applied('acme', 0, [enqueued('c2')]);
    assert.deepEqual(summary(retried), ['c1 assigned ana ', 'c2 assigned ana ']);
    assert.equal(store.stored.size, 0);
  });

  it('forgets the queues of a partition this instance no longer owns', async () => {
    presence.online = 0;
    await applied('acme', 3, [enqueued('c1')]);
    ownership.assigned({ [Topics.RoutingQueue]: [3], [Topics.AgentAvailability]: [3] });
    ownership.assigned({ [Topics.RoutingQueue]: [1], [Topics.AgentAvailability]: [1] });
    assert.equal(router.waiting('acme'), 0);
    store.stored.clear();
    assert.deepEqual(
      summary(await drained('acme', 1)),
      [],
      'loaded again from the store when needed',
    );
  });

  describe('with offers', () => {
    const answer = (
      conversationId: string,
      agentId: string,
      kind: 'accepted' | 'declined',
      offerId = `offer:esc:${conversationId}:${agentId}`,
    ): QueueChange => ({
      kind: 'answered',
      data: {
        commandId: `cmd-${conversationId}-${agentId}-${kind}`,
        tenantId: 'acme',
        agentId,
        conversationId,
        offerId,
        answer: kind,
        answeredAt: '2026-11-26T10:00:05.000Z',
      },
    });
    const results = ({ results: answered }: Routed) =>
      answered.map(({ status, reason }) => (reason ? `${status}: ${reason}` : status));

    beforeEach(() => {
      router = routerWith(20_000);
      presence.online = 2;
      presence.free.push(
        { agentId: 'ana', language: 'en', slots: 1 },
        { agentId: 'bo', language: 'en', slots: 1 },
      );
    });

    it('offers with a deadline, and assigns once the agent accepts', async () => {
      const offered = await applied('acme', 0, [enqueued('c1')]);
      assert.deepEqual(summary(offered), ['c1 offered ana ']);
      const offer = offered.decisions[0]!.offer!;
      assert.equal(offer.offerId, 'offer:esc:c1:ana');
      assert.ok(Date.parse(offer.expiresAt!) > Date.now() + 19_000);
      assert.deepEqual([...timers.armed.keys()], [offer.offerId]);
      assert.equal(offers.stored.size, 1, 'the offer and its deadline are stored');

      const accepted = await applied('acme', 0, [answer('c1', 'ana', 'accepted')]);
      assert.deepEqual(summary(accepted), ['c1 assigned ana ']);
      assert.deepEqual(results(accepted), ['done']);
      assert.equal(timers.armed.size, 0);
      assert.equal(offers.stored.size, 0);
    });

    it('offers a declined conversation to someone else, never back to the agent who declined', async () => {
      await applied('acme', 0, [enqueued('c1')]);
      const declined = await applied('acme', 0, [answer('c1', 'ana', 'declined')]);
      assert.deepEqual(summary(declined), ['c1 rerouted ana ', 'c1 offered bo ']);
      assert.deepEqual(results(declined), ['done']);
      assert.equal(declined.decisions[0]!.offer!.endedBy, 'declined');

      const declinedAgain = await applied('acme', 0, [answer('c1', 'bo', 'declined')]);
      assert.deepEqual(
        summary(declinedAgain),
        ['c1 rerouted bo ', 'c1 queued all_agents_busy 1'],
        'ana is free again, but she declined it: it waits, and the customer is told',
      );
      assert.equal(router.waiting('acme'), 1);
      assert.equal(presence.free[0]!.slots, 1, "ana's slot came back");
    });

    it('reroutes an offer whose deadline passed, and refuses a late accept', async () => {
      await applied('acme', 0, [enqueued('c1')]);
      const expired = await applied('acme', 0, [
        {
          kind: 'expired',
          data: {
            tenantId: 'acme',
            agentId: 'ana',
            conversationId: 'c1',
            offerId: 'offer:esc:c1:ana',
            expiredAt: '2026-11-26T10:00:20.000Z',
          },
        },
      ]);
      assert.deepEqual(summary(expired), ['c1 rerouted ana ', 'c1 offered bo ']);
      assert.equal(expired.decisions[0]!.offer!.endedBy, 'expired');

      const late = await applied('acme', 0, [answer('c1', 'ana', 'accepted')]);
      assert.deepEqual(summary(late), []);
      assert.match(results(late)[0]!, /^refused: no such offer/);
      const notHers = await applied('acme', 0, [
        answer('c1', 'ana', 'accepted', 'offer:esc:c1:bo'),
      ]);
      assert.match(results(notHers)[0]!, /^refused/);
    });

    it('gives the offers of an agent who went away or offline to someone else', async () => {
      await applied('acme', 0, [enqueued('c1')]);
      const afterRelease = await drained('acme', 0, ['ana']);
      assert.deepEqual(summary(afterRelease), ['c1 rerouted ana ', 'c1 offered bo ']);
      assert.equal(afterRelease.decisions[0]!.offer!.endedBy, 'agent_unavailable');
    });

    it('ends the offer of a conversation that closes before it is answered', async () => {
      await applied('acme', 0, [enqueued('c1')]);
      const closed = await applied('acme', 0, [withdrawn('c1')]);
      assert.deepEqual(summary(closed), ['c1 abandoned  ']);
      assert.equal(timers.armed.size, 0);
      assert.equal(offers.stored.size, 0);
    });

    it('arms the deadlines of stored offers again when it takes a tenant over', async () => {
      await applied('acme', 0, [enqueued('c1')]);
      ownership.assigned({ [Topics.RoutingQueue]: [0] });
      ownership.assigned({ [Topics.RoutingQueue]: [] });
      assert.equal(timers.armed.size, 0, 'the instance that lost the tenant disarms');
      const accepted = await applied('acme', 0, [answer('c1', 'ana', 'accepted')]);
      assert.deepEqual(summary(accepted), ['c1 assigned ana ']);
    });
  });
});
