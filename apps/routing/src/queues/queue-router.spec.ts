import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  Topics,
  type Placed__Output,
  type ReserveBestRequest,
  type ReserveBestResponse__Output,
  type RoutingDecided,
  type RoutingEnqueued,
} from '@handoff/contracts';
import { PartitionOwnership } from '@handoff/messaging';
import type { PresenceClient } from '../presence-client/presence.client.js';
import { QueueRouter, type QueueChange } from './queue-router.js';
import type { QueueStore } from './queue-store.js';
import type { QueueEntry } from './tenant-queue.js';

/** Agents with free slots, by the language they speak; places conversations in the order asked. */
class FakePresence {
  readonly free: { agentId: string; language: string; slots: number }[] = [];
  online = 0;
  failNext = false;
  readonly calls: string[][] = [];

  async reserveBest(request: ReserveBestRequest): Promise<ReserveBestResponse__Output> {
    if (this.failNext) {
      this.failNext = false;
      throw Object.assign(new Error('14 UNAVAILABLE: presence restarting'), { code: 14 });
    }
    this.calls.push((request.placements ?? []).map((placement) => placement.conversationId!));
    return {
      placed: (request.placements ?? []).map((placement): Placed__Output => {
        const agent = this.free.find(
          (candidate) => candidate.language === placement.language && candidate.slots > 0,
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

const summary = (decisions: RoutingDecided[]) =>
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

  beforeEach(() => {
    presence = new FakePresence();
    store = new FakeQueueStore();
    ownership = new PartitionOwnership();
    router = new QueueRouter(
      presence as unknown as PresenceClient,
      store as unknown as QueueStore,
      200,
      ownership,
    );
  });

  it('assigns a newcomer at once when an agent who fits is free, and keeps nothing waiting', async () => {
    presence.online = 1;
    presence.free.push({ agentId: 'ana', language: 'en', slots: 1 });
    const decided = await router.apply('acme', 0, [enqueued('c1')]);
    assert.deepEqual(summary(decided), ['c1 assigned ana ']);
    assert.equal(decided[0]!.decisionId, 'decision:esc:c1');
    assert.equal(router.waiting('acme'), 0);
    assert.equal(store.stored.size, 0);
    assert.deepEqual(store.removals, [], 'placed at once, it was never stored');
  });

  it('queues with the reason and place, then serves the highest priority and the oldest first when capacity appears', async () => {
    presence.online = 1;
    presence.free.push({ agentId: 'ana', language: 'en', slots: 0 });
    const queued = await router.apply('acme', 0, [
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
    const drained = await router.drain('acme', 0);
    assert.deepEqual(summary(drained), ['vip assigned ana ', 'old assigned ana ']);
    assert.deepEqual([...store.stored.keys()].sort(), ['new', 'spanish']);
    assert.deepEqual(await router.drain('acme', 0), [], 'nobody is told twice that they wait');
  });

  it('places only newcomers while nothing has freed up, and holds a conversation once', async () => {
    presence.online = 1;
    await router.apply('acme', 0, [enqueued('c1')]);
    const again = await router.apply('acme', 0, [
      enqueued('c1', { escalationId: 'esc:c1:again' }),
      enqueued('c2'),
    ]);
    assert.deepEqual(summary(again), ['c2 queued no_matching_agent 2']);
    assert.deepEqual(presence.calls, [['c1'], ['c2']]);
  });

  it('lets a conversation that ended leave the queue with an abandoned decision', async () => {
    presence.online = 0;
    await router.apply('acme', 0, [enqueued('c1'), enqueued('c2')]);
    const decided = await router.apply('acme', 0, [withdrawn('c1'), withdrawn('never-queued')]);
    assert.deepEqual(summary(decided), ['c1 abandoned  ']);
    assert.equal(decided[0]!.decisionId, 'decision:esc:c1:abandoned');
    assert.deepEqual([...store.stored.keys()], ['c2']);
    assert.equal(router.waiting('acme'), 1);
  });

  it('after a failed call to presence, loads the queue again from the store and tries everyone waiting', async () => {
    presence.online = 1;
    await router.apply('acme', 0, [enqueued('c1')]);
    presence.failNext = true;
    await assert.rejects(router.apply('acme', 0, [enqueued('c2')]), /UNAVAILABLE/);
    assert.equal(router.waiting('acme'), 0, 'the queue in memory is dropped');

    presence.free.push({ agentId: 'ana', language: 'en', slots: 2 });
    const retried = await router.apply('acme', 0, [enqueued('c2')]);
    assert.deepEqual(summary(retried), ['c1 assigned ana ', 'c2 assigned ana ']);
    assert.equal(store.stored.size, 0);
  });

  it('forgets the queues of a partition this instance no longer owns', async () => {
    presence.online = 0;
    await router.apply('acme', 3, [enqueued('c1')]);
    ownership.assigned({ [Topics.RoutingQueue]: [3], [Topics.AgentAvailability]: [3] });
    ownership.assigned({ [Topics.RoutingQueue]: [1], [Topics.AgentAvailability]: [1] });
    assert.equal(router.waiting('acme'), 0);
    store.stored.clear();
    assert.deepEqual(await router.drain('acme', 1), [], 'loaded again from the store when needed');
  });
});
