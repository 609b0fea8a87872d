import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQueueConfig } from '../queue-config/load-queue-config.js';
import { RouterHarness, enqueued, summary } from './queue-router.fixtures.js';

/** A harness whose tenant `acme` has the queues given (and settings), the clock at 10:00 UTC on a Monday. */
function harnessWith(tenant: Record<string, unknown>, offerTimeoutMs = 0): RouterHarness {
  const harness = new RouterHarness(
    offerTimeoutMs,
    parseQueueConfig(JSON.stringify({ tenants: { acme: tenant } })),
  );
  harness.now = Date.parse('2026-11-30T10:00:00.000Z');
  return harness;
}

const at = (harness: RouterHarness, secondsAfterStart: number) =>
  new Date(Date.parse('2026-11-30T10:00:00.000Z') + secondsAfterStart * 1000).toISOString();
const due = (harness: RouterHarness) =>
  ({
    kind: 'due',
    data: { tenantId: 'acme', dueAt: new Date(harness.now).toISOString() },
  }) as const;

/** Checks the queue armed its next deadline that many seconds after the start, and lets it pass. */
async function passDeadline(harness: RouterHarness, secondsAfterStart: number) {
  assert.equal(harness.dueTimers.armed.get('acme'), Date.parse(at(harness, secondsAfterStart)));
  harness.now = Date.parse(at(harness, secondsAfterStart));
  return harness.applied('acme', 0, [due(harness)]);
}

describe('QueueRouter with configured queues', () => {
  it('deflects an arrival outside business hours with the closed policy, or lets it wait', async () => {
    const closedAtTen = { timeZone: 'Europe/Paris', weekly: { mon: ['12:00-18:00'] } };
    const harness = harnessWith({
      businessHours: closedAtTen,
      queues: [
        { name: 'vip', match: { minPriority: 5 }, whenClosed: 'wait' },
        { name: 'general', whenClosed: 'callback' },
      ],
    });
    harness.presence.online = 1;
    const decided = await harness.applied('acme', 0, [
      enqueued('c1', { queue: 'general', enqueuedAt: at(harness, 0) }),
      enqueued('c2', { queue: 'vip', priority: 5, enqueuedAt: at(harness, 0) }),
    ]);
    assert.deepEqual(summary(decided), ['c1 deflected  ', 'c2 queued no_matching_agent 1']);
    assert.deepEqual(decided.decisions[0]!.unserved, {
      policy: 'callback',
      reason: 'outside_business_hours',
    });
    assert.equal(harness.router.waiting('acme'), 1);
  });

  it('sends an arrival nobody could serve to the no-agent policy, and one past the size limit to the full policy', async () => {
    const harness = harnessWith({
      queues: [
        { name: 'spanish', match: { languages: ['es'] }, whenNoAgents: 'stay_with_bot' },
        { name: 'general', maxSize: 2, whenFull: 'leave_message' },
      ],
    });
    harness.presence.online = 1;
    harness.presence.free.push({ agentId: 'ana', language: 'en', slots: 0 });
    const decided = await harness.applied('acme', 0, [
      enqueued('es1', {
        queue: 'spanish',
        requirements: { language: 'es', skills: [] },
        enqueuedAt: at(harness, -4),
      }),
      enqueued('c1', { queue: 'general', enqueuedAt: at(harness, -3) }),
      enqueued('c2', { queue: 'general', enqueuedAt: at(harness, -2) }),
      enqueued('c3', { queue: 'general', enqueuedAt: at(harness, -1) }),
    ]);
    assert.deepEqual(summary(decided), [
      'es1 deflected  ',
      'c3 deflected  ',
      'c1 queued all_agents_busy 1',
      'c2 queued all_agents_busy 2',
    ]);
    assert.deepEqual(decided.decisions[0]!.unserved, {
      policy: 'stay_with_bot',
      reason: 'no_matching_agent',
    });
    assert.deepEqual(decided.decisions[1]!.unserved, {
      policy: 'leave_message',
      reason: 'queue_full',
    });
  });

  it('expires a conversation that waited the longest its queue allows, at a deadline it arms', async () => {
    const harness = harnessWith({ queues: [{ name: 'general', maxWaitSeconds: 90 }] });
    harness.presence.online = 1;
    harness.presence.free.push({ agentId: 'ana', language: 'en', slots: 0 });
    await harness.applied('acme', 0, [enqueued('c1', { enqueuedAt: at(harness, -30) })]);
    const expired = await passDeadline(harness, 60);
    assert.deepEqual(summary(expired), ['c1 expired  ']);
    assert.deepEqual(expired.decisions[0]!.unserved, {
      policy: 'leave_message',
      reason: 'max_wait',
    });
    assert.equal(harness.router.waiting('acme'), 0);
    assert.equal(harness.store.stored.size, 0, 'it left the store');
    assert.equal(harness.dueTimers.armed.has('acme'), false, 'nothing more is due');
  });

  it('asks presence with relaxed requirements once a step is due, then overflows', async () => {
    const harness = harnessWith({
      queues: [
        {
          name: 'billing',
          skills: [{ name: 'billing', minProficiency: 4 }],
          strategy: 'most_skilled',
          relax: [
            { afterSeconds: 30, minProficiency: 2 },
            { afterSeconds: 60, overflowTo: 'general' },
          ],
        },
        { name: 'general', strategy: 'round_robin', teams: ['tier1'], channel: 'email' },
      ],
    });
    harness.presence.online = 1;
    await harness.applied('acme', 0, [
      enqueued('c1', { queue: 'billing', enqueuedAt: at(harness, 0) }),
    ]);
    await passDeadline(harness, 30);
    harness.presence.free.push({ agentId: 'bo', language: 'en', slots: 1 });
    const placed = await passDeadline(harness, 60);
    assert.deepEqual(summary(placed), ['c1 assigned bo ']);
    assert.deepEqual(placed.decisions[0]!.routedBy, {
      queue: 'general',
      strategy: 'round_robin',
      relaxedSteps: 2,
    });
    const asked = harness.presence.requests.map(([placement]) => ({
      skills: placement!.skills,
      strategy: placement!.strategy,
      teams: placement!.teams,
      channel: placement!.channel,
    }));
    assert.deepEqual(asked, [
      {
        skills: [{ name: 'billing', minProficiency: 4 }],
        strategy: 'most_skilled',
        teams: [],
        channel: 'chat',
      },
      {
        skills: [{ name: 'billing', minProficiency: 2 }],
        strategy: 'most_skilled',
        teams: [],
        channel: 'chat',
      },
      { skills: [], strategy: 'round_robin', teams: ['tier1'], channel: 'email' },
    ]);
  });

  it("waits only for the customer's last agent until the preferred wait ends", async () => {
    const harness = harnessWith({
      queues: [{ name: 'general', strategy: 'preferred_agent', preferredAgentSeconds: 20 }],
    });
    harness.presence.online = 1;
    await harness.applied('acme', 0, [
      enqueued('c1', { preferredAgentId: 'ana', enqueuedAt: at(harness, 0) }),
    ]);
    await passDeadline(harness, 20);
    const asked = harness.presence.requests.map(([placement]) => [
      placement!.strategy,
      placement!.preferredAgentId,
      placement!.preferredOnly,
    ]);
    assert.deepEqual(asked, [
      ['preferred_agent', 'ana', true],
      ['preferred_agent', 'ana', false],
    ]);
  });

  it('re-announces places and estimated waits when they change, at most once per update interval', async () => {
    const harness = harnessWith({
      positionUpdateSeconds: 15,
      queues: [{ name: 'general', expectedHandleSeconds: 240 }],
    });
    harness.presence.online = 2;
    harness.presence.free.push(
      { agentId: 'ana', language: 'en', slots: 0 },
      { agentId: 'bo', language: 'en', slots: 0 },
    );
    const queued = await harness.applied('acme', 0, [
      enqueued('c1', { enqueuedAt: at(harness, -3) }),
      enqueued('c2', { enqueuedAt: at(harness, -2) }),
      enqueued('c3', { enqueuedAt: at(harness, -1) }),
    ]);
    assert.deepEqual(
      queued.decisions.map(({ queue }) => [
        queue?.name,
        queue?.position,
        queue?.estimatedWaitSeconds,
      ]),
      [
        ['general', 1, 120],
        ['general', 2, 240],
        ['general', 3, 360],
      ],
      'place × handle time ÷ the two agents who fit',
    );

    harness.now += 5_000;
    harness.presence.free[0]!.slots = 1;
    const drained = await harness.drained('acme', 0);
    assert.deepEqual(
      summary(drained),
      ['c1 assigned ana '],
      'told 5 s ago: the others wait for it',
    );
    assert.equal(harness.dueTimers.armed.get('acme'), harness.now + 10_000);

    harness.now += 10_000;
    const updated = await harness.applied('acme', 0, [due(harness)]);
    assert.deepEqual(summary(updated), [
      'c2 queued all_agents_busy 1',
      'c3 queued all_agents_busy 2',
    ]);
    assert.deepEqual(
      updated.decisions.map(({ queue }) => queue?.estimatedWaitSeconds),
      [120, 240],
    );
    assert.notEqual(updated.decisions[0]!.decisionId, queued.decisions[1]!.decisionId);
  });

  it('estimates from the handle times it observes', async () => {
    const harness = harnessWith({ queues: [{ name: 'general', expectedHandleSeconds: 600 }] });
    harness.presence.online = 1;
    harness.presence.free.push({ agentId: 'ana', language: 'en', slots: 1 });
    await harness.applied('acme', 0, [enqueued('c1', { enqueuedAt: at(harness, 0) })]);
    harness.now += 60_000;
    await harness.applied('acme', 0, [
      {
        kind: 'withdrawn',
        data: {
          conversationId: 'c1',
          tenantId: 'acme',
          reason: 'resolved',
          withdrawnAt: at(harness, 60),
        },
      },
    ]);
    const queued = await harness.applied('acme', 0, [
      enqueued('c2', { enqueuedAt: at(harness, 60) }),
    ]);
    assert.deepEqual(summary(queued), ['c2 queued all_agents_busy 1']);
    assert.equal(
      queued.decisions[0]!.queue?.estimatedWaitSeconds,
      60,
      'one observed minute, not 600 s',
    );
  });
});
