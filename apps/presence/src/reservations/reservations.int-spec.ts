import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import type { AgentStatusChanged } from '@handoff/contracts';
import { HealthModule, HealthRegistry, MongoModule } from '@handoff/service-kit';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import type { Connection, Model } from 'mongoose';
import { AgentStatusLog } from '../agents/agent-status-log.js';
import { Agent } from '../agents/agent.schema.js';
import { agentStatusOf } from '../agents/agent-status.fixtures.js';
import { AgentsService } from '../agents/agents.service.js';
import { Reservation } from './reservation.schema.js';
import { ReservationsModule } from './reservations.module.js';
import { ReservationsService } from './reservations.service.js';

const dbName = uniqueName('int_presence');
const tenantId = `tenant_${dbName}`;
let app: INestApplication;
let agents: AgentsService;
let reservations: ReservationsService;
let reservationModel: Model<Reservation>;

function agentStatus(
  agentId: string,
  changes: Partial<AgentStatusChanged> = {},
): AgentStatusChanged {
  return agentStatusOf(tenantId, agentId, {
    skills: [{ name: 'billing', proficiency: 4 }],
    capacity: 1,
    ...changes,
  });
}

async function onlineAgent(capacity: number): Promise<string> {
  const agentId = uniqueName('agent');
  await agents.applyStatus(agentStatus(agentId, { capacity }));
  return agentId;
}

async function slotsOf(agentId: string) {
  const agent = agents.directory.get(tenantId, agentId);
  assert.ok(agent, `agent ${agentId} exists`);
  const activeChats = agent.conversations.size;
  assert.equal(
    await reservationModel.countDocuments({ agentId }),
    activeChats,
    'every slot in use is stored',
  );
  return {
    capacity: agent.capacity,
    activeChats,
    freeSlots: Math.max(0, agent.capacity - activeChats),
  };
}

/** Presence's agents and reservations over the real store, ready once it has loaded what is stored. */
async function startPresence(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      HealthModule,
      MongoModule.forRoot({ url: integrationInfra().mongoUrl, dbName }),
      ReservationsModule,
    ],
  }).compile();
  const started = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
  await started.init();
  await eventually(
    'agents loaded',
    async () => (await started.get(HealthRegistry).readiness()).checks['agent-directory']?.ok,
  );
  return started;
}

describe('presence reservations against a real MongoDB-compatible store', () => {
  before(async () => {
    app = await startPresence();
    agents = app.get(AgentsService);
    reservations = app.get(ReservationsService);
    reservationModel = app.get(getModelToken(Reservation.name));
  });

  after(async () => {
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
  });

  it('gives the only free slot to exactly one of ten concurrent reservations', async () => {
    const agentId = await onlineAgent(1);
    const conversations = Array.from({ length: 10 }, (_, index) => `conv_${dbName}_race_${index}`);

    const outcomes = await Promise.all(
      conversations.map((conversationId) =>
        reservations.reserve(tenantId, agentId, conversationId),
      ),
    );

    const winners = outcomes.filter((outcome) => outcome.reserved);
    assert.equal(winners.length, 1, 'exactly one reservation wins');
    assert.equal(winners[0]!.activeChats, 1);
    assert.deepEqual(await slotsOf(agentId), { capacity: 1, activeChats: 1, freeSlots: 0 });
    assert.equal(await reservationModel.countDocuments({ agentId }), 1);
  });

  it('keeps one slot for a conversation that reserves twice, one after the other or at the same time', async () => {
    const agentId = await onlineAgent(10);
    const first = await reservations.reserve(tenantId, agentId, `conv_${dbName}_twice`);
    const again = await reservations.reserve(tenantId, agentId, `conv_${dbName}_twice`);
    assert.equal(first.reserved, true);
    assert.deepEqual(again, {
      reserved: true,
      agentId,
      displayName: `Agent ${agentId}`,
      activeChats: 1,
    });

    const retries = await Promise.all(
      Array.from({ length: 5 }, () =>
        reservations.reserve(tenantId, agentId, `conv_${dbName}_retried`),
      ),
    );
    assert.ok(retries.every((outcome) => outcome.reserved && outcome.agentId === agentId));
    assert.deepEqual(await slotsOf(agentId), { capacity: 10, activeChats: 2, freeSlots: 8 });
    assert.equal(await reservationModel.countDocuments({ agentId }), 2);
  });

  it('tells every concurrent call for one conversation that it holds the last slot', async () => {
    const agentId = await onlineAgent(1);
    const conversationId = `conv_${dbName}_last_slot`;

    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => reservations.reserve(tenantId, agentId, conversationId)),
    );

    assert.deepEqual(
      outcomes.map((outcome) => [outcome.reserved, outcome.agentId]),
      outcomes.map(() => [true, agentId]),
      'the calls that lost the update still see the slot their conversation holds',
    );
    assert.deepEqual(await slotsOf(agentId), { capacity: 1, activeChats: 1, freeSlots: 0 });
    assert.equal(await reservationModel.countDocuments({ agentId }), 1);
    assert.equal(
      await reservations.release(tenantId, conversationId),
      agentId,
      'whose slot it was',
    );
    assert.equal(
      await reservations.release(tenantId, conversationId),
      undefined,
      'a second release gives nothing back',
    );
    assert.deepEqual(await slotsOf(agentId), { capacity: 1, activeChats: 0, freeSlots: 1 });
  });

  it('reports the slot a conversation already holds when asked for another agent', async () => {
    const holder = await onlineAgent(2);
    const other = await onlineAgent(2);
    await reservations.reserve(tenantId, holder, `conv_${dbName}_loyal`);

    const outcome = await reservations.reserve(tenantId, other, `conv_${dbName}_loyal`);

    assert.equal(outcome.reserved, true);
    assert.equal(outcome.agentId, holder);
    assert.deepEqual(await slotsOf(other), { capacity: 2, activeChats: 0, freeSlots: 2 });
  });

  it('refuses agents who are away, full, or of another tenant', async () => {
    const away = uniqueName('agent');
    await agents.applyStatus(agentStatus(away, { status: 'away', capacity: 3 }));
    const full = await onlineAgent(0);
    const elsewhere = await onlineAgent(3);

    assert.equal((await reservations.reserve(tenantId, away, `conv_${dbName}_a`)).reserved, false);
    assert.equal((await reservations.reserve(tenantId, full, `conv_${dbName}_b`)).reserved, false);
    assert.equal(
      (await reservations.reserve(`other_${tenantId}`, elsewhere, `conv_${dbName}_c`)).reserved,
      false,
    );
    assert.deepEqual(await slotsOf(elsewhere), { capacity: 3, activeChats: 0, freeSlots: 3 });
  });

  it('gives the slot back on release, once, and only to the tenant that holds it', async () => {
    const agentId = await onlineAgent(1);
    await reservations.reserve(tenantId, agentId, `conv_${dbName}_held`);
    assert.equal(
      (await reservations.reserve(tenantId, agentId, `conv_${dbName}_waiting`)).reserved,
      false,
    );

    assert.equal(await reservations.release(`other_${tenantId}`, `conv_${dbName}_held`), undefined);
    assert.deepEqual(await slotsOf(agentId), { capacity: 1, activeChats: 1, freeSlots: 0 });

    assert.equal(await reservations.release(tenantId, `conv_${dbName}_held`), agentId);
    assert.deepEqual(await slotsOf(agentId), { capacity: 1, activeChats: 0, freeSlots: 1 });
    assert.equal(
      await reservations.release(tenantId, `conv_${dbName}_held`),
      undefined,
      'a second release finds nothing',
    );
    assert.deepEqual(await slotsOf(agentId), { capacity: 1, activeChats: 0, freeSlots: 1 });

    assert.equal(
      (await reservations.reserve(tenantId, agentId, `conv_${dbName}_waiting`)).reserved,
      true,
    );
  });

  it('gives one slot back when the same release arrives several times at once', async () => {
    const agentId = await onlineAgent(2);
    await reservations.reserve(tenantId, agentId, `conv_${dbName}_release_1`);
    await reservations.reserve(tenantId, agentId, `conv_${dbName}_release_2`);

    const released = await Promise.all(
      Array.from({ length: 4 }, () => reservations.release(tenantId, `conv_${dbName}_release_1`)),
    );

    assert.equal(released.filter(Boolean).length, 1);
    assert.deepEqual(await slotsOf(agentId), { capacity: 2, activeChats: 1, freeSlots: 1 });
  });

  it('keeps free slots equal to capacity minus active chats when capacity changes', async () => {
    const agentId = await onlineAgent(3);
    await reservations.reserve(tenantId, agentId, `conv_${dbName}_cap_1`);
    await reservations.reserve(tenantId, agentId, `conv_${dbName}_cap_2`);
    assert.deepEqual(await slotsOf(agentId), { capacity: 3, activeChats: 2, freeSlots: 1 });

    await agents.applyStatus(agentStatus(agentId, { capacity: 5 }));
    assert.deepEqual(await slotsOf(agentId), { capacity: 5, activeChats: 2, freeSlots: 3 });

    await agents.applyStatus(agentStatus(agentId, { capacity: 2 }));
    assert.deepEqual(await slotsOf(agentId), { capacity: 2, activeChats: 2, freeSlots: 0 });
    assert.equal(
      (await reservations.reserve(tenantId, agentId, `conv_${dbName}_cap_3`)).reserved,
      false,
    );

    // Lowered below the chats in progress: no free slot until enough of them end.
    await agents.applyStatus(agentStatus(agentId, { capacity: 1 }));
    assert.deepEqual(await slotsOf(agentId), { capacity: 1, activeChats: 2, freeSlots: 0 });
    await reservations.release(tenantId, `conv_${dbName}_cap_1`);
    assert.deepEqual(await slotsOf(agentId), { capacity: 1, activeChats: 1, freeSlots: 0 });
    assert.equal(
      (await reservations.reserve(tenantId, agentId, `conv_${dbName}_cap_3`)).reserved,
      false,
      'never above capacity',
    );
    await reservations.release(tenantId, `conv_${dbName}_cap_2`);
    assert.deepEqual(await slotsOf(agentId), { capacity: 1, activeChats: 0, freeSlots: 1 });
  });

  it('keeps the slot count right when a capacity change races reservations', async () => {
    const agentId = await onlineAgent(2);
    const outcomes = await Promise.all([
      reservations.reserve(tenantId, agentId, `conv_${dbName}_mix_1`),
      agents.applyStatus(agentStatus(agentId, { capacity: 4 })),
      reservations.reserve(tenantId, agentId, `conv_${dbName}_mix_2`),
      reservations.reserve(tenantId, agentId, `conv_${dbName}_mix_3`),
    ]);

    const reserved = outcomes.filter((outcome) => 'reserved' in outcome && outcome.reserved).length;
    const slots = await slotsOf(agentId);
    assert.equal(slots.capacity, 4);
    assert.equal(slots.activeChats, reserved);
    assert.equal(slots.activeChats, await reservationModel.countDocuments({ agentId }));
    assert.equal(slots.freeSlots, slots.capacity - slots.activeChats);
  });

  it('keeps an agent id of another tenant apart, in memory and in the store', async () => {
    const agentId = await onlineAgent(1);
    const otherTenant = `other_${tenantId}`;
    await agents.applyStatus({ ...agentStatus(agentId), tenantId: otherTenant, capacity: 3 });
    const conversationId = `conv_${dbName}_shared_id`;
    await reservations.reserve(tenantId, agentId, conversationId);
    const other = await reservations.reserve(otherTenant, agentId, conversationId);

    assert.deepEqual([other.reserved, other.activeChats], [true, 1]);
    assert.equal(agents.directory.get(tenantId, agentId)?.capacity, 1);
    assert.equal(agents.directory.get(otherTenant, agentId)?.capacity, 3);
    assert.equal(await reservationModel.countDocuments({ agentId }), 2);
    assert.equal(await reservations.release(otherTenant, conversationId), agentId);
    assert.equal(agents.directory.holderOf(tenantId, conversationId)?.agentId, agentId);
  });

  it('rebuilds agents and the slots in use from the store after a restart', async () => {
    const agentId = await onlineAgent(3);
    await reservations.reserve(tenantId, agentId, `conv_${dbName}_restart_1`);
    await reservations.reserve(tenantId, agentId, `conv_${dbName}_restart_2`);
    await reservations.release(tenantId, `conv_${dbName}_restart_1`);

    const restarted = await startPresence();
    try {
      const agent = restarted.get(AgentsService).directory.get(tenantId, agentId);
      assert.ok(agent, 'the agent is known again');
      assert.deepEqual([...agent.conversations.keys()], [`conv_${dbName}_restart_2`]);
      const again = await restarted
        .get(ReservationsService)
        .reserve(tenantId, agentId, `conv_${dbName}_restart_2`);
      assert.deepEqual(
        [again.reserved, again.activeChats],
        [true, 1],
        'the held slot is recognised, not taken twice',
      );
    } finally {
      await restarted.close();
    }
  });

  it('stores the channel of each slot, frees that channel on close, and restores it after a restart (chat when a document names none)', async () => {
    const agentId = uniqueName('agent');
    await agents.applyStatus(
      agentStatus(agentId, {
        channels: [
          { name: 'chat', capacity: 1 },
          { name: 'email', capacity: 1 },
        ],
        teams: ['vip'],
      }),
    );
    const [emailed] = await reservations.placeBest(tenantId, [
      {
        conversationId: `conv_${dbName}_email`,
        language: 'en',
        skills: [],
        channel: 'email',
        teams: ['vip'],
      },
    ]);
    assert.equal(emailed?.agentId, agentId);
    const stored = await reservationModel
      .findOne({ conversationId: `conv_${dbName}_email` })
      .lean();
    assert.equal(stored?.channel, 'email');
    await reservationModel.create({
      _id: `legacy_${dbName}`,
      tenantId,
      conversationId: `conv_${dbName}_legacy`,
      agentId,
      reservedAt: new Date(),
    });
    const restarted = await startPresence();
    try {
      const agent = restarted.get(AgentsService).directory.get(tenantId, agentId)!;
      assert.deepEqual([agent.inUseOn('chat'), agent.inUseOn('email')], [1, 1]);
      assert.deepEqual(agent.teams, ['vip']);
      await restarted.get(ReservationsService).closeAll(tenantId, [`conv_${dbName}_email`]);
      assert.deepEqual([agent.inUseOn('chat'), agent.inUseOn('email')], [1, 0]);
    } finally {
      await restarted.close();
    }
  });

  it('appends each status change and sweeps the ones a newer change replaced, keeping the newest across a restart', async () => {
    const agentId = uniqueName('agent');
    const statusModel = app.get<Model<Agent>>(getModelToken(Agent.name));
    const startedAt = Date.now();
    for (const [offset, capacity] of [
      [0, 1],
      [1_000, 2],
      [2_000, 3],
    ] as const)
      await agents.applyStatus(agentStatus(agentId, { capacity }), new Date(startedAt + offset));
    assert.equal(
      await statusModel.countDocuments({ tenantId, agentId }),
      3,
      'appended, not updated',
    );

    await app.get(AgentStatusLog).sweep();
    const kept = await statusModel.find({ tenantId, agentId }).lean();
    assert.deepEqual(
      kept.map((record) => record.capacity),
      [3],
    );

    const restarted = await startPresence();
    try {
      assert.equal(restarted.get(AgentsService).directory.get(tenantId, agentId)?.capacity, 3);
    } finally {
      await restarted.close();
    }
  });

  it('ignores a status change older than the one it knows', async () => {
    const agentId = await onlineAgent(2);
    const now = agents.directory.get(tenantId, agentId)!.statusChangedAt;
    await agents.applyStatus(
      agentStatus(agentId, { status: 'offline' }),
      new Date(now.getTime() - 60_000),
    );
    assert.equal(agents.directory.get(tenantId, agentId)?.status, 'online');
  });
});
