import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import {
  DeadLetterHeaders,
  deskResultType,
  setAgentStatusType,
  Topics,
  type DeskResult,
  type SetAgentStatus,
} from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import { TopicRecorder } from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { agentStatusOf } from '../agents/agent-status.fixtures.js';
import { AgentsService } from '../agents/agents.service.js';
import { RecordedPresence } from '../presence-app.fixtures.js';

const dbName = uniqueName('int_presence_desk_status');
const tenantId = `tenant_${dbName}`;
const infra = integrationInfra();
const presence = new RecordedPresence(infra, dbName);
const results = new TopicRecorder(infra.brokers, `${dbName}_results`);
let app: INestApplication;

const setStatus = (agentId: string, status: SetAgentStatus['status']): SetAgentStatus => ({
  ...agentStatusOf(tenantId, agentId, { status }),
  commandId: uniqueName('command'),
  requestedAt: new Date().toISOString(),
});

/** The desk results presence published for the command. */
const resultsOf = (commandId: string) =>
  results.messages
    .map((message) => JSON.parse(message.value!.toString()))
    .filter((event) => event.type === deskResultType && event.data.commandId === commandId)
    .map((event) => event.data as DeskResult);

describe('presence applies and answers desks status commands against a real broker and store', () => {
  before(async () => {
    app = await presence.start();
    await results.start([Topics.AgentCommandResults]);
  });

  after(async () => {
    await results.stop();
    await presence.stop();
  });

  it('applies a status command like a status change, announces it to routing and answers done', async () => {
    const agentId = uniqueName('agent');
    const command = setStatus(agentId, 'online');

    await app.get(EventPublisher).emit(setAgentStatusType, command);

    const result = await eventually('the desk result', () => resultsOf(command.commandId).at(0));
    assert.equal(result.status, 'done');
    assert.equal(result.command, setAgentStatusType);
    assert.equal(result.agentId, agentId);
    assert.equal(result.tenantId, tenantId);
    const announced = await eventually('the announcement to routing', () =>
      presence.announced(tenantId, agentId).at(0),
    );
    assert.equal(announced.status, 'online');
    assert.equal(announced.cause, 'status_changed');
    assert.equal(announced.freeSlots, 2);
    assert.equal(app.get(AgentsService).directory.get(tenantId, agentId)?.status, 'online');
  });

  it('answers a change the status rules refuse with the reason, and dead-letters nothing', async () => {
    const agentId = uniqueName('agent');
    const publisher = app.get(EventPublisher);
    const offline = setStatus(agentId, 'offline');
    await publisher.emit(setAgentStatusType, offline);
    await eventually('offline applied', () => resultsOf(offline.commandId).at(0));
    const busy = setStatus(agentId, 'busy');

    await publisher.emit(setAgentStatusType, busy);

    const result = await eventually('the refusal', () => resultsOf(busy.commandId).at(0));
    assert.equal(result.status, 'refused');
    assert.equal(result.reason, 'an agent who is offline cannot go busy');
    assert.equal(app.get(AgentsService).directory.get(tenantId, agentId)?.status, 'offline');
    // A later command of the same desk is answered, so everything before it was handled.
    const online = setStatus(agentId, 'online');
    await publisher.emit(setAgentStatusType, online);
    await eventually('the next command answered', () => resultsOf(online.commandId).at(0));
    assert.deepEqual(
      presence.announced(tenantId, agentId).map(({ status }) => status),
      ['offline', 'online'],
      'the refused change is not announced',
    );
    assert.ok(
      !presence.deadLetters.messages.some(
        (message) =>
          message.headers[DeadLetterHeaders.topic] === Topics.AgentCommands &&
          message.value?.toString().includes(busy.commandId),
      ),
      'a refused command is answered, not dead-lettered',
    );
    assert.equal(resultsOf(busy.commandId).length, 1);
  });
});
