import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { agentShiftsScheduledType, DeadLetterHeaders } from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import type { RecordedMessage } from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { agentStatusOf } from '../agents/agent-status.fixtures.js';
import { AgentStatusController } from '../agents/agent-status.controller.js';
import { AgentsService } from '../agents/agents.service.js';
import { RecordedPresence } from '../presence-app.fixtures.js';

const dbName = uniqueName('int_presence_shifts');
const tenantId = `tenant_${dbName}`;
const infra = integrationInfra();
const presence = new RecordedPresence(infra, dbName);
let app: INestApplication;

/** What presence announced to routing for the agent, in order. */
const announced = (agentId: string) =>
  presence.announced(tenantId, agentId).map(({ cause, freeSlots }) => ({ cause, freeSlots }));

const causes = (agentId: string) => announced(agentId).map(({ cause }) => cause);

function scheduleOf(agentId: string, shifts: { start: Date; end: Date }[]) {
  return {
    tenantId,
    agentId,
    shifts: shifts.map(({ start, end }) => ({
      start: start.toISOString(),
      end: end.toISOString(),
    })),
    publishedAt: new Date().toISOString(),
  };
}

const fits = (presence: INestApplication, agentId: string) =>
  presence
    .get(AgentsService)
    .directory.find({ tenantId, language: 'en', skills: [], limit: 100 })
    .candidates.some((candidate) => candidate.agentId === agentId);

/** The agent as a supervisor of the tenant reads it from presence. */
const agentView = (service: INestApplication, agentId: string) =>
  new AgentStatusController(service.get(AgentsService)).get(agentId, {
    tenantId,
    subject: 'supervisor-1',
    roles: ['supervisor'],
  });

describe('presence shift schedules against a real broker and store', () => {
  before(async () => {
    app = await presence.start();
  });

  after(() => presence.stop());

  it('offers an agent nothing outside their shift, and announces its start and end to routing', async () => {
    const agentId = uniqueName('agent');
    await app.get(AgentsService).applyStatus(agentStatusOf(tenantId, agentId));
    assert.ok(fits(app, agentId), 'no schedule: not restricted');
    const start = new Date(Date.now() + 600);
    const end = new Date(start.getTime() + 600);
    await app
      .get(EventPublisher)
      .emit(agentShiftsScheduledType, scheduleOf(agentId, [{ start, end }]));
    await eventually('the schedule is applied', () =>
      causes(agentId).includes('schedule_changed') ? true : undefined,
    );
    const view = agentView(app, agentId);
    assert.deepEqual(view.schedule, {
      onShift: false,
      currentShift: null,
      nextShift: { start, end },
      publishedAt: view.schedule!.publishedAt,
    });
    assert.ok(!fits(app, agentId), 'before the shift');
    await eventually('the shift starts', () => fits(app, agentId) || undefined);
    await eventually('the shift ends', () => !fits(app, agentId) || undefined);
    await eventually('start and end announced', () =>
      causes(agentId).join() === 'schedule_changed,shift_started,shift_ended' ? true : undefined,
    );
    assert.deepEqual(
      announced(agentId).map(({ freeSlots }) => freeSlots),
      [0, 2, 0],
      'no free slot off shift',
    );
  });

  it('dead-letters a schedule whose shift ends before it starts, saying so', async () => {
    const agentId = uniqueName('agent');
    const id = uniqueName('bad-schedule');
    const start = new Date();
    await app
      .get(EventPublisher)
      .emit(
        agentShiftsScheduledType,
        scheduleOf(agentId, [{ start, end: new Date(start.getTime() - 1000) }]),
        id,
      );
    const letter = await eventually('the schedule is dead-lettered', () =>
      presence.deadLetters.messages.find((message: RecordedMessage) =>
        message.value?.toString().includes(id),
      ),
    );
    assert.match(letter.headers[DeadLetterHeaders.reason]!, /does not start before it ends/);
  });

  it('keeps schedules across a restart', async () => {
    const agentId = uniqueName('agent');
    await app.get(AgentsService).applyStatus(agentStatusOf(tenantId, agentId));
    const start = new Date(Date.now() - 1000);
    const end = new Date(Date.now() + 60_000);
    await app
      .get(EventPublisher)
      .emit(agentShiftsScheduledType, scheduleOf(agentId, [{ start, end }]));
    await eventually('the schedule is applied', () =>
      causes(agentId).includes('schedule_changed') ? true : undefined,
    );
    const restarted = await presence.restarted(uniqueName('restarted'));
    try {
      await eventually('agents are loaded', () =>
        restarted.get(AgentsService).directory.get(tenantId, agentId),
      );
      const view = agentView(restarted, agentId);
      assert.deepEqual(view.schedule?.currentShift, { start, end });
      assert.equal(view.schedule?.onShift, true);
    } finally {
      await restarted.close();
    }
  });
});
