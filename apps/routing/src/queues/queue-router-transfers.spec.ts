import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { TransferRequested } from '@handoff/contracts';
import { parseQueueConfig } from '../queue-config/load-queue-config.js';
import type { QueueChange } from './queue-router.js';
import { RouterHarness, enqueued, summary } from './queue-router.fixtures.js';

function transfer(changes: Partial<TransferRequested>): QueueChange {
  return {
    kind: 'transfer',
    data: {
      commandId: `cmd-${Math.random().toString(36).slice(2)}`,
      tenantId: 'acme',
      agentId: 'ana',
      conversationId: 'c1',
      language: 'en',
      requestedAt: new Date().toISOString(),
      ...changes,
    },
  };
}

describe('QueueRouter transfers', () => {
  let harness: RouterHarness;

  beforeEach(async () => {
    harness = new RouterHarness(
      0,
      parseQueueConfig(
        JSON.stringify({
          tenants: { acme: { queues: [{ name: 'general' }, { name: 'billing' }] } },
        }),
      ),
    );
    harness.presence.online = 3;
    harness.presence.free.push(
      { agentId: 'ana', language: 'en', slots: 1 },
      { agentId: 'bo', language: 'en', slots: 1 },
      { agentId: 'cy', language: 'en', slots: 0 },
    );
    const placed = await harness.applied('acme', 0, [enqueued('c1')]);
    assert.deepEqual(summary(placed), ['c1 assigned ana ']);
  });

  const resultOf = (routed: { results: { status: string; reason?: string }[] }) =>
    routed.results.map(({ status, reason }) => (reason ? `${status}: ${reason}` : status));

  it('hands the conversation to the agent named, whose slot it takes while the first gets theirs back', async () => {
    const routed = await harness.applied('acme', 0, [transfer({ toAgentId: 'bo' })]);
    assert.deepEqual(summary(routed), ['c1 transferred  ', 'c1 assigned bo ']);
    assert.deepEqual(routed.decisions[0]!.transfer, { fromAgentId: 'ana', toAgentId: 'bo' });
    assert.deepEqual(resultOf(routed), ['done']);
    assert.equal(harness.presence.free.find((agent) => agent.agentId === 'ana')!.slots, 1);
  });

  it('refuses a transfer to an agent who cannot take it, and the conversation stays', async () => {
    const routed = await harness.applied('acme', 0, [transfer({ toAgentId: 'cy' })]);
    assert.deepEqual(summary(routed), []);
    assert.deepEqual(resultOf(routed), [
      'refused: agent cy cannot take it now: not online, full, or not fitting',
    ]);
    assert.equal(harness.presence.holders.get('c1')?.agentId, 'ana', 'still with ana');
  });

  it('puts the conversation in the queue named, for anyone but the agent who passed it on', async () => {
    const routed = await harness.applied('acme', 0, [transfer({ toQueue: 'billing' })]);
    assert.deepEqual(summary(routed), ['c1 transferred  ', 'c1 assigned bo ']);
    assert.deepEqual(routed.decisions[0]!.transfer, { fromAgentId: 'ana', toQueue: 'billing' });
  });

  it("hands the agent's note on with the transfer, for whoever takes it", async () => {
    const routed = await harness.applied('acme', 0, [
      transfer({ toQueue: 'billing', reason: 'Wants the refund before Friday' }),
    ]);
    assert.deepEqual(routed.decisions[0]!.transfer, {
      fromAgentId: 'ana',
      toQueue: 'billing',
      note: 'Wants the refund before Friday',
    });
  });

  it('refuses what it cannot do, saying why, and leaves the conversation where it is', async () => {
    const refused = await harness.applied('acme', 0, [
      transfer({ toQueue: 'returns' }),
      transfer({ toAgentId: 'bo', toQueue: 'billing' }),
      transfer({}),
      transfer({ agentId: 'bo', toQueue: 'billing' }),
      transfer({ conversationId: 'c9', toQueue: 'billing' }),
    ]);
    assert.deepEqual(resultOf(refused), [
      'refused: tenant acme has no queue returns',
      'refused: give exactly one of toAgentId and toQueue',
      'refused: give exactly one of toAgentId and toQueue',
      'refused: the conversation is with another agent',
      "refused: the conversation holds no agent's slot: it is closed, or was never assigned",
    ]);
    assert.deepEqual(summary(refused), []);
    assert.equal(harness.presence.holders.get('c1')?.agentId, 'ana');
  });
});
