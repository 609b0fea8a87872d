import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Topics, contextPacketType } from '@handoff/contracts';
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
  runName,
  scores,
  stored,
  tenantId,
  type Packet,
} from './context-packets.fixtures.js';

before(connectProducer);
after(disconnectProducer);

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
