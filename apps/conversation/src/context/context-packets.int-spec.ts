import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Topics, commandResultType, contextPacketType } from '@handoff/contracts';
import { TopicRecorder } from '@handoff/messaging/testing';
import { integrationInfra } from '@handoff/service-kit/testing';
import { ContextMemory } from '../conversations/context-memory.js';
import {
  assertFullPacket,
  assigned,
  connectProducer,
  consumed,
  contextApp,
  conversationEvents,
  current,
  disconnectProducer,
  escalation,
  publish,
  received,
  request,
  runName,
  scores,
  stored,
  tenantId,
  type Packet,
  type Result,
} from './context-packets.fixtures.js';
import type { ContextRecords } from './context-records.js';
import { ContextStore } from './context-store.js';
import { ContextService } from './context.service.js';

before(connectProducer);
after(disconnectProducer);

describe('context packets over the real broker and store', () => {
  before(async () => {
    current.app = await contextApp(runName, consumed);
    current.outputs = new TopicRecorder(integrationInfra().brokers, `${runName}_outputs`);
    await current.outputs.start([Topics.ConversationContext, Topics.AgentCommandResults]);
  });

  after(async () => {
    await current.outputs?.stop();
    await current.app?.close();
  });

  it('publishes the whole packet when the conversation is assigned, and answers a desk that asks', async () => {
    const conversationId = `conv_${runName}_a`;
    await publish(Topics.ConversationEvents, ...conversationEvents(conversationId));
    await publish(Topics.SentimentScores, ...scores(conversationId));
    await publish(Topics.Escalations, escalation(conversationId));
    await Promise.all([
      stored('messages', conversationId, 5),
      stored('sentiments', conversationId, 3),
      stored('escalations', conversationId, 1),
      stored('fallbacks', conversationId, 1),
      stored('profiles', conversationId, 1),
    ]);
    await publish(Topics.RoutingDecisions, assigned(conversationId));
    const onAssignment = await received<Packet>(
      contextPacketType,
      `context:decision:${conversationId}`,
    );
    assert.equal(onAssignment.data.occasion, 'assigned');
    assert.equal(onAssignment.data.packetId, `context:decision:${conversationId}`);
    assertFullPacket(onAssignment.data, conversationId);

    await publish(Topics.AgentCommands, request(conversationId, `cmd_${runName}_1`));
    const requested = await received<Packet>(contextPacketType, `context:cmd_${runName}_1`);
    assert.equal(requested.data.occasion, 'requested');
    assert.equal(requested.data.commandId, `cmd_${runName}_1`);
    assertFullPacket(requested.data, conversationId);
    const done = await received<Result>(commandResultType, `result:cmd_${runName}_1`);
    assert.equal(done.data.status, 'done');
    assert.equal(done.data.conversationId, conversationId);

    await publish(
      Topics.AgentCommands,
      request(conversationId, `cmd_${runName}_2`, `${tenantId}_other`),
    );
    const refused = await received<Result>(commandResultType, `result:cmd_${runName}_2`);
    assert.equal(refused.data.status, 'refused');
    assert.match(refused.data.reason!, /has no conversation/);
  });

  it('loses nothing when the decision and the scores arrive before the conversation is known', async () => {
    const conversationId = `conv_${runName}_b`;
    await publish(Topics.SentimentScores, ...scores(conversationId));
    // Decided just now: the packet waits for the conversation's own events, on their way.
    await publish(Topics.RoutingDecisions, assigned(conversationId, new Date().toISOString()));
    await publish(Topics.Escalations, escalation(conversationId));
    await Promise.all([
      stored('sentiments', conversationId, 3),
      stored('escalations', conversationId, 1),
    ]);
    await publish(Topics.ConversationEvents, ...conversationEvents(conversationId));
    await Promise.all([
      stored('messages', conversationId, 5),
      stored('decisions', conversationId, 1),
    ]);
    const onAssignment = await received<Packet>(
      contextPacketType,
      `context:decision:${conversationId}`,
    );
    // Built once the conversation was stored (its messages may still be landing: the desk asks
    // again for the whole packet, as below).
    assert.equal(onAssignment.data.occasion, 'assigned');
    assert.equal(onAssignment.data.conversationId, conversationId);

    const packet = await current.app.get(ContextService).contextPacket(conversationId, tenantId);
    assert.ok(packet);
    assert.equal(packet.occasion, 'requested');
    assertFullPacket({ ...packet, agentId: 'agent-7' }, conversationId);
    assert.equal(
      await current.app.get(ContextService).contextPacket(conversationId, `${tenantId}_other`),
      null,
    );
  });

  it('holds in memory exactly what the store holds of a conversation it saw start', async () => {
    const conversationId = `conv_${runName}_c`;
    await publish(Topics.ConversationEvents, ...conversationEvents(conversationId));
    await publish(Topics.SentimentScores, ...scores(conversationId));
    await publish(Topics.Escalations, escalation(conversationId));
    await publish(Topics.RoutingDecisions, assigned(conversationId));
    await received<Packet>(contextPacketType, `context:decision:${conversationId}`);

    const held = current.app.get(ContextMemory).recordsOf(conversationId, tenantId);
    assert.ok(held, 'the conversation is held from its start');
    const stored = (
      await current.app.get(ContextStore).recordsOf([{ conversationId, tenantId }])
    ).get(conversationId);
    assert.ok(stored);
    const ids = (records: ContextRecords) =>
      Object.fromEntries(
        Object.entries(records)
          .filter(([kind]) => kind !== 'conversation')
          .map(([kind, list]) => [kind, (list as { _id: string }[]).map(({ _id }) => _id).sort()]),
      );
    assert.deepEqual(ids(held), ids(stored));
    assert.equal(held.messages.length, 5);
    assert.equal(held.decisions.length, 1);
  });
});
