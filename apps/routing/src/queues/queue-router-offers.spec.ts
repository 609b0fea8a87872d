import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Topics } from '@handoff/contracts';
import type { PartitionOwnership } from '@handoff/messaging';
import type { QueueChange, QueueRouter, Routed } from './queue-router.js';
import {
  RouterHarness,
  enqueued,
  summary,
  withdrawn,
  type FakeOfferStore,
  type FakePresence,
  type FakeTimers,
} from './queue-router.fixtures.js';

describe('QueueRouter with offers', () => {
  let harness: RouterHarness;
  let presence: FakePresence;
  let ownership: PartitionOwnership;
  let router: QueueRouter;
  let offers: FakeOfferStore;
  let timers: FakeTimers;

  const applied = (...args: Parameters<QueueRouter['apply']>) => harness.applied(...args);
  const drained = (...args: Parameters<QueueRouter['drain']>) => harness.drained(...args);

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
    harness = new RouterHarness(20_000);
    ({ presence, ownership, router, offers, timers } = harness);
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
    const notHers = await applied('acme', 0, [answer('c1', 'ana', 'accepted', 'offer:esc:c1:bo')]);
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

  it('holds the offered slot past the offer deadline only, and refuses an accept once presence gave the hold back', async () => {
    const offered = await applied('acme', 0, [enqueued('c1')]);
    assert.equal(presence.requests[0]![0]!.holdMs, String(20_000 + 60_000));
    presence.holders.delete('c1');
    const late = await applied('acme', 0, [answer('c1', 'ana', 'accepted')]);
    assert.deepEqual(results(late), ['refused: the offer ran out before it was accepted']);
    assert.deepEqual(summary(late), ['c1 rerouted ana ', 'c1 offered bo ']);
    assert.equal(offered.decisions[0]!.outcome, 'offered');
  });
});
