import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Topics, commandResultType, contextPacketType } from '@handoff/contracts';
import { PartitionOwnership } from '@handoff/messaging';
import { TopicRecorder } from '@handoff/messaging/testing';
import { eventually, integrationInfra, sharedTopicPartitions } from '@handoff/service-kit/testing';
import { Partitioners } from 'kafkajs';
import type { Connection } from 'mongoose';
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

// In this file, after the single app has stopped: conversation apps running at once on one broker
// each publish a packet for every assignment, under the same id.
describe('context packets with two conversation replicas in one group', () => {
  const group = `${runName}_replicas`;
  let replicas: INestApplication[] = [];

  /** Which replica owns partition n of the conversation service's co-partitioned topics. */
  const ownerOf = (partition: number) =>
    replicas.find((replica) => replica.get(PartitionOwnership).owns(consumed[0]!, partition));

  before(async () => {
    // The second joins once the first has skipped what the topics held: the group then splits.
    replicas = [await contextApp(group, consumed)];
    replicas.push(await contextApp(group));
    await eventually(
      'both replicas own partitions, each the same ones of every topic',
      () =>
        replicas.every((replica) => {
          const ownership = replica.get(PartitionOwnership);
          const owned = partitions.filter((partition) => ownership.owns(consumed[0]!, partition));
          return (
            owned.length > 0 &&
            owned.every((partition) => consumed.every((topic) => ownership.owns(topic, partition)))
          );
        }) && partitions.every((partition) => ownerOf(partition)),
    );
    current.app = replicas[0]!;
    current.outputs = new TopicRecorder(integrationInfra().brokers, `${group}_outputs`);
    await current.outputs.start([Topics.ConversationContext]);
  });

  after(async () => {
    await current.outputs?.stop();
    await replicas[0]?.get<Connection>(getConnectionToken()).dropDatabase();
    await Promise.all(replicas.map((replica) => replica.close()));
  });

  it('builds every packet whole, from the memory of the replica that owns the conversation', async () => {
    const conversations = conversationsOnEveryPartition(`conv_${runName}_replica`);
    for (const { conversationId } of conversations) {
      await publish(Topics.ConversationEvents, ...conversationEvents(conversationId));
      await publish(Topics.SentimentScores, ...scores(conversationId));
      await publish(Topics.Escalations, escalation(conversationId));
    }
    for (const { conversationId } of conversations)
      await Promise.all([
        stored('messages', conversationId, 5),
        stored('sentiments', conversationId, 3),
        stored('escalations', conversationId, 1),
      ]);
    for (const { conversationId } of conversations)
      await publish(Topics.RoutingDecisions, assigned(conversationId));

    for (const { conversationId, partition } of conversations) {
      const packet = await received<Packet>(
        contextPacketType,
        `context:decision:${conversationId}`,
      );
      assertFullPacket(packet.data, conversationId);
      const holders = replicas.filter((replica) =>
        replica.get(ContextMemory).recordsOf(conversationId, tenantId),
      );
      assert.deepEqual(
        holders,
        [ownerOf(partition)],
        `${conversationId} is held by its owner only`,
      );
    }
    assert.ok(
      new Set(conversations.map(({ partition }) => ownerOf(partition))).size === 2,
      'both replicas built packets',
    );
  });
});

const partitions = Array.from({ length: sharedTopicPartitions }, (_, partition) => partition);

/** Two conversations per partition, as the producers' default partitioner places their keys. */
function conversationsOnEveryPartition(prefix: string) {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = partitions.map((partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  const chosen: { conversationId: string; partition: number }[] = [];
  for (let n = 0; chosen.length < 2 * partitions.length; n++) {
    const conversationId = `${prefix}_${n}`;
    const partition = partitioner({
      topic: Topics.ConversationEvents,
      partitionMetadata,
      message: { key: conversationId, value: null },
    });
    if (chosen.filter((conversation) => conversation.partition === partition).length < 2)
      chosen.push({ conversationId, partition });
  }
  return chosen;
}
