import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Topics } from '@handoff/contracts';
import type { PartitionOwnership } from '@handoff/messaging';
import type { QueueRouter } from './queue-router.js';
import {
  RouterHarness,
  ago,
  enqueued,
  summary,
  withdrawn,
  type FakePresence,
  type FakeQueueStore,
} from './queue-router.fixtures.js';

describe('QueueRouter', () => {
  let harness: RouterHarness;
  let presence: FakePresence;
  let store: FakeQueueStore;
  let ownership: PartitionOwnership;
  let router: QueueRouter;

  beforeEach(() => {
    harness = new RouterHarness();
    ({ presence, store, ownership, router } = harness);
  });

  const applied = (...args: Parameters<QueueRouter['apply']>) => harness.applied(...args);
  const drained = (...args: Parameters<QueueRouter['drain']>) => harness.drained(...args);

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
      enqueued('old', { enqueuedAt: ago(240) }),
      enqueued('new', { enqueuedAt: ago(180) }),
      enqueued('vip', { enqueuedAt: ago(120), priority: 5 }),
      enqueued('spanish', {
        enqueuedAt: ago(60),
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

  it('loads the tenants stored for a partition it is given, and looks at their queues at once', async () => {
    presence.online = 1;
    presence.free.push({ agentId: 'ana', language: 'en', slots: 0 });
    await applied('acme', 4, [enqueued('c1')]);
    harness.router.drop('acme');
    assert.equal(router.waiting('acme'), 0, 'forgotten, as after a restart');

    ownership.assigned({ [Topics.RoutingQueue]: [4], [Topics.AgentAvailability]: [4] });
    await waitFor(() => router.waiting('acme') === 1);
    const armed = harness.dueTimers.armed.get('acme');
    assert.ok(armed !== undefined && armed <= harness.now + 1000, 'due at once');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    assert.ok(tries < 100, 'condition not met');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
