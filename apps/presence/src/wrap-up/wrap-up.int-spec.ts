import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import {
  agentStatusChangedType,
  conversationClosedType,
  DeadLetterHeaders,
  type AgentStatusChanged,
} from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import type { RecordedMessage } from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import type { Model } from 'mongoose';
import { Agent } from '../agents/agent.schema.js';
import { agentStatusOf } from '../agents/agent-status.fixtures.js';
import { AgentsService } from '../agents/agents.service.js';
import { RecordedPresence } from '../presence-app.fixtures.js';
import { ReservationsService } from '../reservations/reservations.service.js';

const dbName = uniqueName('int_presence_wrap_up');
const tenantId = `tenant_${dbName}`;
const infra = integrationInfra();
const presence = new RecordedPresence(infra, dbName);
let app: INestApplication;

const agentStatus = (agentId: string, changes: Partial<AgentStatusChanged> = {}) =>
  agentStatusOf(tenantId, agentId, changes);

const statusOf = (presence: INestApplication, agentId: string) =>
  presence.get(AgentsService).directory.get(tenantId, agentId);

/** The statuses presence announced to routing for the agent, in order. */
const announced = (agentId: string) =>
  presence.announced(tenantId, agentId).map(({ status }) => status);

describe('presence wrap-up and status rules against a real broker and store', () => {
  before(async () => {
    app = await presence.start();
  });

  after(() => presence.stop());

  it('puts an agent into wrap-up when their conversation closes, and back to available when it ends, announcing both', async () => {
    const agentId = uniqueName('agent');
    await app.get(AgentsService).applyStatus(agentStatus(agentId, { wrapUpSeconds: 1.5 }));
    const conversationId = uniqueName('conv');
    assert.equal(
      (await app.get(ReservationsService).reserve(tenantId, agentId, conversationId)).reserved,
      true,
    );

    await app.get(EventPublisher).emit(conversationClosedType, {
      tenantId,
      conversationId,
      reason: 'resolved',
      closedAt: new Date().toISOString(),
    });
    await eventually('wrap-up begins', () => statusOf(app, agentId)?.status === 'wrap_up');
    assert.equal(
      (await app.get(ReservationsService).reserve(tenantId, agentId, uniqueName('conv'))).reserved,
      false,
      'no new conversation during wrap-up',
    );
    const ended = await eventually('wrap-up ends by itself', () => {
      const agent = statusOf(app, agentId);
      return agent?.status === 'online' && agent;
    });
    assert.equal(ended.reason, 'wrap_up_ended');
    // Routing hears the wrap-up, then the agent available again (other announcements, such as the
    // slot coming back, may come first).
    await eventually(
      'both changes announced to routing',
      () => {
        const seen = announced(agentId);
        const wrapUp = seen.indexOf('wrap_up');
        return wrapUp >= 0 && seen.lastIndexOf('online') > wrapUp ? true : undefined;
      },
      45_000,
    );
  });

  it('dead-letters a refused change from Kafka with its reason, and ignores a late one', async () => {
    const agentId = uniqueName('agent');
    await app
      .get(AgentsService)
      .applyStatus(agentStatus(agentId, { status: 'offline', sequence: 5 }));
    const publisher = app.get(EventPublisher);
    const busyId = uniqueName('busy');
    const lateId = uniqueName('late');
    await publisher.emit(
      agentStatusChangedType,
      agentStatus(agentId, { status: 'busy', sequence: 6 }),
      busyId,
    );
    await publisher.emit(
      agentStatusChangedType,
      agentStatus(agentId, { status: 'online', sequence: 4 }),
      lateId,
    );
    await publisher.emit(
      agentStatusChangedType,
      agentStatus(agentId, { status: 'available', sequence: 7, reason: 'back' }),
    );

    await eventually('the later change applies', () => statusOf(app, agentId)?.reason === 'back');
    assert.equal(statusOf(app, agentId)?.status, 'online');
    const letter = await eventually('the refused change is dead-lettered', () =>
      presence.deadLetters.messages.find((message: RecordedMessage) =>
        message.value?.toString().includes(busyId),
      ),
    );
    assert.match(letter.headers[DeadLetterHeaders.reason]!, /cannot go busy/);
    assert.ok(
      !presence.deadLetters.messages.some((message: RecordedMessage) =>
        message.value?.toString().includes(lateId),
      ),
      'a late change is not poison',
    );
  });

  it('ends a wrap-up that fell due while presence was down, after it restarts', async () => {
    const agentId = uniqueName('agent');
    const startedAt = new Date();
    const stored: Agent = {
      _id: uniqueName('status'),
      ...agentStatus(agentId, { wrapUpSeconds: 0.3 }),
      status: 'wrap_up',
      skills: [],
      statusChangedAt: startedAt,
      wrapUpEndsAt: new Date(startedAt.getTime() + 300),
    };
    await app.get<Model<Agent>>(getModelToken(Agent.name)).create(stored);
    const restarted = await presence.restarted(uniqueName('restarted'));
    try {
      const ended = await eventually('the stored wrap-up ends', () => {
        const agent = statusOf(restarted, agentId);
        return agent?.status === 'online' && agent;
      });
      assert.equal(ended.reason, 'wrap_up_ended');
    } finally {
      await restarted.close();
    }
  });
});
