// The conversation service's context features on the real broker and store, and the events and
// checks its context-packet integration tests share.
import assert from 'node:assert/strict';
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
import type { MessagingOptions } from '@handoff/messaging';
import { TopicRecorder, testMessagingOptions } from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { HandoffModule } from '../handoff/handoff.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { startConversationTestApp } from '../testing/conversation-test-app.js';
import { ContextModule } from './context.module.js';
import { loadKnowledgeFile } from './knowledge/load-knowledge.js';

export const runName = uniqueName('int_context_packets');
export const tenantId = `tenant_${runName}`;
export const consumed = [
  Topics.ConversationEvents,
  Topics.SentimentScores,
  Topics.Escalations,
  Topics.RoutingDecisions,
  Topics.AgentCommands,
];
let producer: Producer;
/** The app under test and the recorder of its outputs, as the test file's hooks set them. */
export const current = {} as { app: INestApplication; outputs: TopicRecorder };

export type Packet = CloudEventOf<typeof contextPacketType>;
export type Result = CloudEventOf<typeof commandResultType>;

const source = { source: '/integration-tests/context' };
export const seconds = (n: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, n)).toISOString();

/** Publishes events as their producers do: CloudEvents keyed as the catalog says, to their topic. */
export async function publish<K extends EventType>(
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

export const on = <K extends EventType>(type: K, data: EventDataByType[K]) => ({ type, data });

export function conversationEvents(conversationId: string) {
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

export const scores = (conversationId: string) =>
  [0.1, -0.4, -0.7].map((score, index) =>
    on(sentimentScoredType, {
      conversationId,
      tenantId,
      messageId: `m-${index + 1}`,
      sentiment: { score, label: score < 0 ? 'negative' : 'neutral' },
      scoredAt: seconds(7 + index),
    }),
  );

export const escalation = (conversationId: string) =>
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

export const assigned = (conversationId: string, decidedAt = seconds(11)) =>
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

export const request = (conversationId: string, commandId: string, tenant = tenantId) =>
  on(requestContextType, {
    commandId,
    tenantId: tenant,
    agentId: 'agent-7',
    conversationId,
    requestedAt: seconds(12),
  });

export function received<T>(type: string, id: string): Promise<T> {
  return eventually(
    `${type} ${id}`,
    () => {
      const found = current.outputs.messages
        .map((message) => JSON.parse(String(message.value)) as { id: string; type: string })
        .find((event) => event.type === type && event.id === id);
      return found as T | undefined;
    },
    30_000,
  );
}

export async function stored(
  collection: string,
  conversationId: string,
  count: number,
): Promise<void> {
  const connection = current.app.get<Connection>(getConnectionToken());
  await eventually(
    `${count} ${collection} of ${conversationId}`,
    async () =>
      (await connection.collection(collection).countDocuments({ conversationId })) >= count,
    30_000,
  );
}

export function assertFullPacket(packet: Packet['data'], conversationId: string): void {
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
export function contextApp(
  group: string,
  startAtEnd: typeof consumed = [],
): Promise<INestApplication> {
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

/** The test file's producer, connected once for all its tests. */
export async function connectProducer(): Promise<void> {
  const kafka = new Kafka({
    clientId: `${runName}_producer`,
    brokers: integrationInfra().brokers,
    logLevel: logLevel.NOTHING,
  });
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
}

export async function disconnectProducer(): Promise<void> {
  await producer?.disconnect();
}
