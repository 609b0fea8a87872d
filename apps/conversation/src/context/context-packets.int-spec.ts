import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import {
  Topics,
  botFallbackType,
  cloudEventContentType,
  commandResultType,
  contextPacketType,
  conversationStartedType,
  createEvent,
  customerProfileType,
  escalationRequestedType,
  messagePostedType,
  requestContextType,
  routingDecidedType,
  sentimentScoredType,
  variableCollectedType,
  type CloudEventOf,
  type EventDataByType,
  type EventType,
  type MessagePosted,
} from '@handoff/contracts';
import { PartitionOwnership, type MessagingOptions } from '@handoff/messaging';
import { TopicRecorder, testMessagingOptions } from '@handoff/messaging/testing';
import {
  eventually,
  integrationInfra,
  sharedTopicPartitions,
  uniqueName,
} from '@handoff/service-kit/testing';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { HandoffModule } from '../handoff/handoff.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { startConversationTestApp } from '../testing/conversation-test-app.js';
import { ContextModule } from './context.module.js';
import { ContextMemory } from '../conversations/context-memory.js';
import type { ContextRecords } from './context-records.js';
import { ContextStore } from './context-store.js';
import { ContextService } from './context.service.js';
import { loadKnowledgeFile } from './knowledge/load-knowledge.js';

const runName = uniqueName('int_context_packets');
const tenantId = `tenant_${runName}`;
const consumed = [
  Topics.ConversationEvents,
  Topics.SentimentScores,
  Topics.Escalations,
  Topics.RoutingDecisions,
  Topics.AgentCommands,
];
let app: INestApplication;
let producer: Producer;
let outputs: TopicRecorder;

type Packet = CloudEventOf<typeof contextPacketType>;
type Result = CloudEventOf<typeof commandResultType>;

const source = { source: '/integration-tests/context' };
const seconds = (n: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, n)).toISOString();

/** Publishes events as their producers do: CloudEvents keyed as the catalog says, to their topic. */
async function publish<K extends EventType>(
  topic: string,
  ...events: { type: K; data: EventDataByType[K] }[]
): Promise<void> {
  await producer.send({
    topic,
    acks: -1,
    messages: events.map(({ type, data }) => {
      const event = createEvent(type, data, source);
      return {
        key: event.partitionkey,
        value: JSON.stringify(event),
        headers: { 'content-type': cloudEventContentType },
      };
    }),
  });
}

const on = <K extends EventType>(type: K, data: EventDataByType[K]) => ({ type, data });

function conversationEvents(conversationId: string) {
  const said = (
    messageId: string,
    sender: 'customer' | 'bot',
    text: string,
    second: number,
    bot?: MessagePosted['bot'],
  ) =>
    on(messagePostedType, {
      conversationId,
      tenantId,
      messageId,
      sender,
      text,
      sentAt: seconds(second),
      ...(bot ? { bot } : {}),
    });
  return [
    on(conversationStartedType, {
      conversationId,
      tenantId,
      channel: 'whatsapp',
      language: 'en',
      customer: { customerId: 'cust-1', displayName: 'Maria' },
      startedAt: seconds(0),
    }),
    on(customerProfileType, {
      conversationId,
      tenantId,
      customer: {
        customerId: 'cust-1',
        tier: 'gold',
        email: 'maria@example.com',
        attributes: { plan: 'pro' },
      },
      updatedAt: seconds(1),
    }),
    said('m-1', 'customer', 'I was charged twice for my order. I need a refund.', 2),
    said('b-1', 'bot', 'I can help with refunds.', 3, {
      intent: 'billing.refund',
      confidence: 0.92,
    }),
    on(variableCollectedType, {
      conversationId,
      tenantId,
      name: 'topic',
      value: 'billing',
      collectedAt: seconds(3),
    }),
    said('m-2', 'customer', 'The refund for the double charge never came.', 4),
    said('b-2', 'bot', 'Sorry, I did not understand.', 5, {
      intent: 'billing.refund',
      confidence: 0.3,
      fallback: true,
    }),
    on(botFallbackType, {
      fallbackId: 'fb-1',
      conversationId,
      tenantId,
      messageId: 'm-2',
      confidence: 0.3,
      occurredAt: seconds(5),
    }),
    said('m-3', 'customer', 'I want to talk to a human now!', 6),
  ];
}

const scores = (conversationId: string) =>
  [0.1, -0.4, -0.7].map((score, index) =>
    on(sentimentScoredType, {
      conversationId,
      tenantId,
      messageId: `m-${index + 1}`,
      sentiment: { score, label: score < 0 ? 'negative' : 'neutral' },
      scoredAt: seconds(7 + index),
    }),
  );

const escalation = (conversationId: string) =>
  on(escalationRequestedType, {
    escalationId: `esc:${conversationId}`,
    conversationId,
    tenantId,
    language: 'en',
    trigger: {
      kind: 'explicit_request',
      explanation: 'asked for a human',
      matchedText: 'talk to a human',
      messageId: 'm-3',
    },
    sentiment: { score: -0.7, label: 'negative' },
    variables: {},
    requestedAt: seconds(10),
  });

const assigned = (conversationId: string, decidedAt = seconds(11)) =>
  on(routingDecidedType, {
    decisionId: `decision:${conversationId}`,
    escalationId: `esc:${conversationId}`,
    conversationId,
    tenantId,
    outcome: 'assigned',
    requirements: { language: 'en', skills: [] },
    agent: { agentId: 'agent-7', displayName: 'Ana' },
    decidedAt,
  });

const request = (conversationId: string, commandId: string, tenant = tenantId) =>
  on(requestContextType, {
    commandId,
    tenantId: tenant,
    agentId: 'agent-7',
    conversationId,
    requestedAt: seconds(12),
  });

function received<T>(type: string, id: string): Promise<T> {
  return eventually(
    `${type} ${id}`,
    () => {
      const found = outputs.messages
        .map((message) => JSON.parse(String(message.value)) as { id: string; type: string })
        .find((event) => event.type === type && event.id === id);
      return found as T | undefined;
    },
    30_000,
  );
}

async function stored(collection: string, conversationId: string, count: number): Promise<void> {
  const connection = app.get<Connection>(getConnectionToken());
  await eventually(
    `${count} ${collection} of ${conversationId}`,
    async () =>
      (await connection.collection(collection).countDocuments({ conversationId })) >= count,
    30_000,
  );
}

function assertFullPacket(packet: Packet['data'], conversationId: string): void {
  assert.equal(packet.conversationId, conversationId);
  assert.equal(packet.tenantId, tenantId);
  assert.equal(packet.agentId, 'agent-7');
  assert.deepEqual(packet.conversation, {
    channel: 'whatsapp',
    language: 'en',
    startedAt: seconds(0),
    status: 'assigned',
  });
  assert.deepEqual(packet.customer, {
    customerId: 'cust-1',
    displayName: 'Maria',
    tier: 'gold',
    email: 'maria@example.com',
    attributes: { plan: 'pro' },
  });
  assert.deepEqual(packet.variables, { topic: 'billing' });
  assert.deepEqual(
    packet.transcript.messages.map(({ messageId }) => messageId),
    ['m-1', 'b-1', 'm-2', 'b-2', 'm-3'],
  );
  assert.equal(packet.transcript.totalMessages, 5);
  assert.equal(packet.transcript.truncated, false);
  assert.deepEqual(packet.botAttempts, {
    intents: [{ intent: 'billing.refund', confidence: 0.92, count: 2 }],
    fallbacks: 1,
    lowConfidence: 1,
  });
  assert.deepEqual(
    packet.sentiment.trajectory.map(({ messageId, score }) => [messageId, score]),
    [
      ['m-1', 0.1],
      ['m-2', -0.4],
      ['m-3', -0.7],
    ],
  );
  assert.equal(packet.sentiment.trend, 'falling');
  assert.equal(packet.sentiment.smoothed, -0.425);
  assert.deepEqual(packet.triggers, [
    {
      kind: 'explicit_request',
      explanation: 'asked for a human',
      matchedText: 'talk to a human',
      messageId: 'm-3',
      score: -0.7,
    },
  ]);
  assert.deepEqual(packet.escalation, {
    escalationId: `esc:${conversationId}`,
    requestedAt: seconds(10),
  });
  assert.deepEqual(packet.detectedIntent, { intent: 'billing.refund', confidence: 0.92 });
  assert.equal(packet.summary.method, 'extractive');
  assert.deepEqual(packet.summary.sentences, [
    'I was charged twice for my order.',
    'The refund for the double charge never came.',
    'I want to talk to a human now!',
  ]);
  assert.equal(packet.suggestions.articles[0]?.articleId, 'billing-double-charge');
  assert.match(packet.suggestions.replies[0]!.text, /double charge/);
}

/** The conversation service's context features, its messaging for `group`, and the store. */
function contextApp(group: string, startAtEnd: typeof consumed = []): Promise<INestApplication> {
  const infra = integrationInfra();
  const knowledgePath = new URL('../../knowledge/sample-knowledge.json', import.meta.url).pathname;
  const knowledge = loadKnowledgeFile(knowledgePath);
  const groupOptions: MessagingOptions = {
    ...testMessagingOptions(infra.brokers, group),
    topics: [
      ...consumed,
      Topics.ConversationMessages,
      Topics.CustomerNotifications,
      Topics.ConversationControl,
      Topics.ConversationLifecycle,
      Topics.AgentCommandResults,
      Topics.ConversationContext,
      Topics.TenantConfig,
      Topics.DeadLetter,
    ],
  };
  // The sample knowledge file is acme's; this run's tenant uses it as its own.
  return startConversationTestApp(
    [
      ConversationsModule,
      NotificationsModule.forRoot({ templatesRefreshMs: 60_000 }),
      HandoffModule.register({ positionUpdateIntervalMs: 0 }),
      PrivacyModule.register({ settings: { tenants: {} }, sweepMs: 3_600_000 }),
      ContextModule.register({
        knowledge: { tenants: { [tenantId]: knowledge.tenants['acme']! } },
        summarisers: new Map(),
      }),
    ],
    { options: groupOptions, mongo: { url: infra.mongoUrl, dbName: group }, startAtEnd },
  );
}

before(async () => {
  const kafka = new Kafka({
    clientId: `${runName}_producer`,
    brokers: integrationInfra().brokers,
    logLevel: logLevel.NOTHING,
  });
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
});

after(async () => {
  await producer?.disconnect();
});

describe('context packets over the real broker and store', () => {
  before(async () => {
    app = await contextApp(runName, consumed);
    outputs = new TopicRecorder(integrationInfra().brokers, `${runName}_outputs`);
    await outputs.start([Topics.ConversationContext, Topics.AgentCommandResults]);
  });

  after(async () => {
    await outputs?.stop();
    await app?.close();
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

    const packet = await app.get(ContextService).contextPacket(conversationId, tenantId);
    assert.ok(packet);
    assert.equal(packet.occasion, 'requested');
    assertFullPacket({ ...packet, agentId: 'agent-7' }, conversationId);
    assert.equal(
      await app.get(ContextService).contextPacket(conversationId, `${tenantId}_other`),
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

    const held = app.get(ContextMemory).recordsOf(conversationId, tenantId);
    assert.ok(held, 'the conversation is held from its start');
    const stored = (await app.get(ContextStore).recordsOf([{ conversationId, tenantId }])).get(
      conversationId,
    );
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
    app = replicas[0]!;
    outputs = new TopicRecorder(integrationInfra().brokers, `${group}_outputs`);
    await outputs.start([Topics.ConversationContext]);
  });

  after(async () => {
    await outputs?.stop();
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
