import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OffersListRequested } from '@handoff/contracts';
import { offersListResult } from './offer-lists.js';
import type { Offer } from './offers.js';
import { RouterHarness, enqueued } from './queue-router.fixtures.js';
import type { QueueChange } from './queue-router.js';
import type { QueueEntry } from './tenant-queue.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 26, 10, 0, seconds));

const request = (agentId: string, tenantId = 'acme'): OffersListRequested => ({
  commandId: `list-${agentId}`,
  tenantId,
  agentId,
  requestedAt: at(0).toISOString(),
});

function offer(conversationId: string, agentId: string, offeredSeconds?: number): Offer {
  const entry = {
    conversationId,
    tenantId: 'acme',
    queue: 'billing',
    requirements: { language: 'pt', skills: [] },
  } as unknown as QueueEntry;
  return {
    offerId: `offer-${conversationId}`,
    entry,
    agentId,
    displayName: agentId,
    ...(offeredSeconds === undefined ? {} : { offeredAt: at(offeredSeconds) }),
    expiresAt: at((offeredSeconds ?? 0) + 20),
    stored: true,
  };
}

describe('offersListResult', () => {
  it("lists the agent's offers oldest first, with what the desk shows, and no one else's", () => {
    const result = offersListResult(
      [offer('c3', 'ana', 9), offer('c1', 'ana', 2), offer('c2', 'bo', 1), offer('c4', 'ana', 5)],
      request('ana'),
      at(10),
    );
    assert.deepEqual(result, {
      commandId: 'list-ana',
      tenantId: 'acme',
      agentId: 'ana',
      command: 'handoff.agent.offers.list',
      status: 'done',
      offers: ['c1', 'c4', 'c3'].map((conversationId) => ({
        offerId: `offer-${conversationId}`,
        conversationId,
        queue: 'billing',
        language: 'pt',
        offeredAt: at({ c1: 2, c4: 5, c3: 9 }[conversationId]!).toISOString(),
        expiresAt: at({ c1: 22, c4: 25, c3: 29 }[conversationId]!).toISOString(),
      })),
      decidedAt: at(10).toISOString(),
    });
  });

  it('orders an offer stored without its offer time by its deadline, and lists none for an agent without offers', () => {
    const listed = offersListResult(
      [offer('c1', 'ana', 25), offer('old', 'ana')],
      request('ana'),
      at(40),
    );
    assert.deepEqual(
      listed.offers!.map(({ conversationId, offeredAt }) => [conversationId, offeredAt]),
      [
        ['old', undefined],
        ['c1', at(25).toISOString()],
      ],
    );
    assert.deepEqual(offersListResult([offer('c1', 'ana', 1)], request('bo'), at(2)).offers, []);
    assert.deepEqual(
      offersListResult([offer('c1', 'ana', 1)], request('ana', 'globex'), at(2)).offers,
      [],
      "another tenant's agent of the same id",
    );
  });
});

describe('QueueRouter answering offer lists', () => {
  const list = (agentId: string): QueueChange => ({ kind: 'list', data: request(agentId) });

  it('answers from memory after the step, so an offer made in the same batch is listed', async () => {
    const harness = new RouterHarness(20_000);
    harness.presence.online = 1;
    harness.presence.free.push({ agentId: 'ana', language: 'en', slots: 2 });

    const routed = await harness.applied('acme', 0, [enqueued('c1'), list('ana'), list('bo')]);

    assert.deepEqual(
      routed.deskResults.map(({ agentId, offers }) => [
        agentId,
        offers!.map(({ conversationId, queue, language }) => [conversationId, queue, language]),
      ]),
      [
        ['ana', [['c1', 'default', 'en']]],
        ['bo', []],
      ],
    );
    assert.equal(routed.deskResults[0]!.offers![0]!.offerId, routed.decisions[0]!.offer!.offerId);
  });
});
