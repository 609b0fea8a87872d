import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RejectedEventError, isRejection } from '@handoff/messaging';
import type { AgentStatusChanged } from '@handoff/contracts';
import { AgentDirectory } from './agent-directory.js';
import { presenceStatuses, type PresenceStatus } from './agent-entry.js';
import { agent, at } from './agent.fixtures.js';
import { AgentsService } from './agents.service.js';
import type { AgentStatusLog } from './agent-status-log.js';
import { firstRefused, isStale, refusals, transitionRefusal } from './status-transitions.js';

const refusedPairs = ['away>wrap_up', 'offline>busy', 'offline>wrap_up'];

describe('status transitions', () => {
  for (const from of presenceStatuses)
    for (const to of presenceStatuses) {
      const refused = refusedPairs.includes(`${from}>${to}`);
      it(`${refused ? 'refuses' : 'allows'} ${from} → ${to}`, () => {
        const reason = transitionRefusal(from, to);
        if (refused) assert.equal(reason, `an agent who is ${from} cannot go ${to}`);
        else assert.equal(reason, undefined);
      });
    }

  it('lets an agent it does not know yet take any status', () => {
    for (const to of presenceStatuses) assert.equal(transitionRefusal(undefined, to), undefined);
  });

  it('orders by sequence when both changes have one, else by time', () => {
    const known = { statusChangedAt: at(10), sequence: 5 };
    assert.equal(isStale(known, { statusChangedAt: at(20), sequence: 4 }), true, 'newer, lower');
    assert.equal(isStale(known, { statusChangedAt: at(5), sequence: 6 }), false, 'older, higher');
    assert.equal(isStale(known, { statusChangedAt: at(5), sequence: 5 }), true, 'same, older');
    assert.equal(isStale(known, { statusChangedAt: at(5) }), true, 'no sequence, older');
    assert.equal(
      isStale({ statusChangedAt: at(10) }, { statusChangedAt: at(11), sequence: 1 }),
      false,
    );
  });

  it('checks a batch in order, skipping late changes, and names the first refused', () => {
    const change = (status: PresenceStatus, seconds: number, id: string) => ({
      key: 'ana',
      status,
      statusChangedAt: at(seconds),
      id,
    });
    const offline = () => ({ status: 'offline' as const, statusChangedAt: at(0) });
    assert.equal(
      firstRefused([change('online', 1, 'a'), change('busy', 2, 'b')], offline),
      undefined,
      'online first makes busy allowed',
    );
    assert.equal(firstRefused([change('busy', -1, 'late')], offline), undefined, 'late: ignored');
    assert.deepEqual(firstRefused([change('away', 1, 'a'), change('wrap_up', 2, 'b')], offline), {
      change: change('wrap_up', 2, 'b'),
      reason: 'an agent who is away cannot go wrap_up',
    });
  });

  it('lists every refused change of a batch, each leaving the agent as they were', () => {
    const change = (key: string, status: PresenceStatus, seconds: number) => ({
      key,
      status,
      statusChangedAt: at(seconds),
    });
    const offline = () => ({ status: 'offline' as const, statusChangedAt: at(0) });
    const batch = [
      change('ana', 'busy', 1),
      change('bo', 'wrap_up', 1),
      change('ana', 'online', 2),
      change('ana', 'busy', 3),
      change('bo', 'busy', 4),
    ];
    assert.deepEqual(
      refusals(batch, offline).map(({ change: { key, status }, reason }) => [key, status, reason]),
      [
        ['ana', 'busy', 'an agent who is offline cannot go busy'],
        ['bo', 'wrap_up', 'an agent who is offline cannot go wrap_up'],
        ['bo', 'busy', 'an agent who is offline cannot go busy'],
      ],
      'ana online first makes her later busy allowed; bo stays offline throughout',
    );
    assert.deepEqual(refusals(batch, offline, { stopAtFirst: true }), [
      { change: batch[0], reason: 'an agent who is offline cannot go busy' },
    ]);
  });
});

describe('AgentsService.applyStatuses', () => {
  const appended: unknown[] = [];
  const directory = new AgentDirectory();
  const service = new AgentsService(
    directory,
    {
      append: async (changed: unknown[]) => void appended.push(...changed),
    } as unknown as AgentStatusLog,
    undefined as never,
    undefined as never,
    { addReadiness: () => undefined } as never,
  );
  const { agentId, tenantId, displayName, skills, languages, capacity } = agent('ana');
  const ana = { agentId, tenantId, displayName, skills, languages, capacity };
  const change = (status: string, extra: Partial<AgentStatusChanged> = {}) =>
    ({ ...ana, status, ...extra }) as AgentStatusChanged;

  it('reads available as online, and refuses an illegal change by the id of its event, applying nothing of the batch', async () => {
    await service.applyStatuses([{ change: change('offline'), at: at(1), id: 'e1' }]);
    await assert.rejects(
      service.applyStatuses([
        { change: change('available'), at: at(2), id: 'e2' },
        { change: change('offline'), at: at(3), id: 'e3' },
        { change: change('busy'), at: at(4), id: 'e4' },
      ]),
      (error: unknown) => {
        assert.ok(isRejection(error));
        assert.equal((error as RejectedEventError).eventId, 'e4');
        assert.match((error as Error).message, /agent ana: an agent who is offline cannot go busy/);
        return true;
      },
    );
    assert.equal(directory.get('acme', 'ana')!.status, 'offline');
    await service.applyStatuses([{ change: change('available'), at: at(2), id: 'e2' }]);
    assert.equal(directory.get('acme', 'ana')!.status, 'online');
  });

  it('ignores a lower sequence even when newer, and a late change, without refusing them', async () => {
    await service.applyStatuses([
      { change: change('busy', { sequence: 7 }), at: at(10), id: 's7' },
    ]);
    const applied = await service.applyStatuses([
      { change: change('online', { sequence: 6 }), at: at(20), id: 's6' },
      { change: change('wrap_up'), at: at(5), id: 'late' },
    ]);
    assert.deepEqual(applied, []);
    assert.equal(directory.get('acme', 'ana')!.status, 'busy');
    await service.applyStatuses([{ change: change('away', { sequence: 8 }), at: at(9), id: 's8' }]);
    assert.equal(
      directory.get('acme', 'ana')!.status,
      'away',
      'a higher sequence wins, older or not',
    );
  });

  it('gives a wrap_up with a duration the time it ends by itself', async () => {
    await service.applyStatuses([{ change: change('online'), at: at(30), id: 'w1' }]);
    await service.applyStatuses([
      { change: change('wrap_up', { wrapUpSeconds: 1.5 }), at: at(31), id: 'w2' },
    ]);
    const entry = directory.get('acme', 'ana')!;
    assert.deepEqual(entry.wrapUpEndsAt, new Date(at(31).getTime() + 1500));
    assert.deepEqual([...directory.wrapUpsEndedBy(at(32).getTime() + 500)], [entry]);
    assert.deepEqual([...directory.wrapUpsEndedBy(at(32).getTime() + 499)], []);
    await service.applyStatuses([{ change: change('online'), at: at(33), id: 'w3' }]);
    assert.deepEqual([...directory.wrapUpsEndedBy(at(40).getTime())], [], 'ended');
  });
});
