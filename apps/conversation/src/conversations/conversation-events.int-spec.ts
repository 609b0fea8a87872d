import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import {
  DeadLetterHeaders,
  Topics,
  cloudEventContentType,
  conversationStartedType,
  createEvent,
  messagePostedType,
  messageRecordedType,
  variableCollectedType,
  type CloudEventOf,
  type VariableCollected,
} from '@handoff/contracts';
import type { MessagingOptions } from '@handoff/messaging';
import {
  TopicRecorder,
  testMessagingOptions,
  type RecordedMessage,
} from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { startConversationTestApp } from '../testing/conversation-test-app.js';
import { ConversationStore } from './conversation-store.js';
import { ConversationsModule } from './conversations.module.js';
import type { ConversationEvent } from './ingest.js';

const runName = uniqueName('int_conversation_events');
const dbName = runName;
const tenantId = `tenant_${runName}`;
let options: MessagingOptions;
let mongoUrl: string;
let kafka: Kafka;
let app: INestApplication;
let producer: Producer;
let messages: TopicRecorder;
let deadLetters: TopicRecorder;
/** What the dead-letter test saw, for the checks below it. */
let rejectedRun: { letter: RecordedMessage; startedAlongside: string } | undefined;

type Recorded = CloudEventOf<typeof messageRecordedType>;

/** The conversation service's consumer wired as main.ts wires it, against the test's broker and store. */
function startApp({ startAtEnd }: { startAtEnd: boolean }): Promise<INestApplication> {
  return startConversationTestApp([ConversationsModule], {
    options,
    mongo: { url: mongoUrl, dbName },
    startAtEnd: startAtEnd ? [Topics.ConversationEvents] : [],
  });
}

const source = { source: '/integration-tests/bot-platform' };

function started(conversationId: string, language = 'es', channel = 'whatsapp') {
  return createEvent(
    conversationStartedType,
    {
      conversationId,
      tenantId,
      channel,
      language,
      customer: { customerId: `cust_${conversationId}` },
      startedAt: new Date().toISOString(),
    },
    source,
  );
}

function posted(conversationId: string, messageId: string, text = `text of ${messageId}`) {
  return createEvent(
    messagePostedType,
    {
      conversationId,
      tenantId,
      messageId,
      sender: 'customer',
      text,
      sentAt: new Date().toISOString(),
    },
    source,
  );
}

function collected(conversationId: string, name: string, value: VariableCollected['value']) {
  return createEvent(
    variableCollectedType,
    { conversationId, tenantId, name, value, collectedAt: new Date().toISOString() },
    source,
  );
}

/** Publishes as the bot platform does: raw CloudEvents keyed by conversation id, in one request. */
async function publish(events: ConversationEvent[], partition?: number): Promise<string[]> {
  const [written] = await producer.send({
    topic: Topics.ConversationEvents,
    acks: -1,
    messages: events.map((event) => ({
      key: event.partitionkey,
      value: JSON.stringify(event),
      headers: { 'content-type': cloudEventContentType },
      ...(partition === undefined ? {} : { partition }),
    })),
  });
  return events.map((_, index) => String(BigInt(written!.baseOffset!) + BigInt(index)));
}

function recordedFor(conversationId: string): Recorded[] {
  return messages.messages
    .filter((message) => message.key?.toString() === conversationId)
    .map((message) => JSON.parse(String(message.value)) as Recorded);
}

function recordedMessage(conversationId: string, messageId: string): Promise<Recorded> {
  return eventually(`message.recorded of ${conversationId}/${messageId}`, () =>
    recordedFor(conversationId).find((event) => event.data.message.messageId === messageId),
  );
}

function deadLettersOf(conversationId: string): RecordedMessage[] {
  return deadLetters.messages.filter(
    (letter) =>
      letter.headers[DeadLetterHeaders.consumerGroup] === options.groupId &&
      letter.key?.toString() === conversationId,
  );
}

/** Waits until the service's group has committed everything published to the conversation events. */
async function committedToTheEnd(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await eventually('the conversation events committed to their end', async () => {
      const [ends, [committed]] = await Promise.all([
        admin.fetchTopicOffsets(Topics.ConversationEvents),
        admin.fetchOffsets({ groupId: options.groupId, topics: [Topics.ConversationEvents] }),
      ]);
      return ends.every(
        ({ partition, high }) =>
          committed!.partitions.find((entry) => entry.partition === partition)?.offset === high,
      );
    });
  } finally {
    await admin.disconnect();
  }
}

describe('conversation events end to end, over the real broker and store', () => {
  before(async () => {
    const infra = integrationInfra();
    mongoUrl = infra.mongoUrl;
    options = {
      ...testMessagingOptions(infra.brokers, runName),
      topics: [Topics.ConversationEvents, Topics.ConversationMessages, Topics.DeadLetter],
    };
    kafka = new Kafka({
      clientId: `${runName}_bot_platform`,
      brokers: infra.brokers,
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    app = await startApp({ startAtEnd: true });
    messages = new TopicRecorder(infra.brokers, `${runName}_messages`);
    deadLetters = new TopicRecorder(infra.brokers, `${runName}_dead_letters`);
    await Promise.all([
      messages.start([Topics.ConversationMessages]),
      deadLetters.start([Topics.DeadLetter]),
    ]);
  });

  after(async () => {
    await Promise.allSettled([messages?.stop(), deadLetters?.stop(), producer?.disconnect()]);
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
  });

  it("republishes a conversation's messages with the variables collected before each", async () => {
    const conversationId = uniqueName('conv');
    await publish([
      started(conversationId, 'pt-BR', 'sms'),
      posted(conversationId, 'm0', 'Oi'),
      collected(conversationId, 'topic', 'shipping'),
      posted(conversationId, 'm1', 'Meu pedido'),
    ]);
    await publish([
      collected(conversationId, 'topic', 'billing'),
      collected(conversationId, 'order_number', 48213),
      collected(conversationId, 'is_repeat', true),
      posted(conversationId, 'm2', 'Quero falar com uma pessoa'),
    ]);

    const m2 = await recordedMessage(conversationId, 'm2');
    const [m0, m1] = await Promise.all([
      recordedMessage(conversationId, 'm0'),
      recordedMessage(conversationId, 'm1'),
    ]);

    assert.deepEqual(m0.data.variables, {});
    assert.deepEqual(m1.data.variables, { topic: 'shipping' });
    assert.deepEqual(m2.data.variables, { topic: 'billing', order_number: 48213, is_repeat: true });
    assert.equal(m2.type, messageRecordedType);
    assert.equal(m2.id, `recorded:${conversationId}:m2`);
    assert.equal(m2.partitionkey, conversationId);
    assert.equal(m2.data.language, 'pt-BR');
    assert.equal(m2.data.channel, 'sms');
    assert.equal(m2.data.message.text, 'Quero falar com uma pessoa');

    const view = await app.get(ConversationStore).view(conversationId, tenantId);
    assert.deepEqual(
      view?.transcript.map(({ messageId }) => messageId),
      ['m0', 'm1', 'm2'],
    );
    assert.deepEqual(view?.variables, { topic: 'billing', order_number: 48213, is_repeat: true });
  });

  it('dead-letters a message for a conversation that never started at once, and applies the next events of its partition', async () => {
    const ghost = uniqueName('ghost');
    const conversationId = uniqueName('conv');
    const offsets = await publish(
      [
        started(conversationId),
        posted(ghost, 'm1', 'Hola?'),
        collected(conversationId, 'topic', 'returns'),
        posted(conversationId, 'm1', 'Quiero devolver algo'),
      ],
      0,
    );

    const recorded = await recordedMessage(conversationId, 'm1');
    const letter = await eventually(
      'the dead letter of the ghost conversation',
      () => deadLettersOf(ghost)[0],
    );

    assert.deepEqual(recorded.data.variables, { topic: 'returns' });
    assert.equal(letter.headers[DeadLetterHeaders.stage], 'processing');
    assert.match(letter.headers[DeadLetterHeaders.reason]!, /^rejected: /);
    assert.match(
      letter.headers[DeadLetterHeaders.reason]!,
      new RegExp(`conversation ${ghost} of tenant ${tenantId} has not started`),
    );
    assert.ok(
      Number(letter.headers[DeadLetterHeaders.attempts]) < options.maxAttempts,
      `rejected at once, not retried up to maxAttempts (attempts ${letter.headers[DeadLetterHeaders.attempts]})`,
    );
    assert.equal(letter.headers[DeadLetterHeaders.topic], Topics.ConversationEvents);
    assert.equal(letter.headers[DeadLetterHeaders.partition], '0');
    assert.equal(letter.headers[DeadLetterHeaders.offset], offsets[1]);
    assert.equal(
      JSON.parse(String(letter.value)).data.messageId,
      'm1',
      'the original record, as it was',
    );
    assert.equal(deadLettersOf(ghost).length, 1);
    assert.deepEqual(deadLettersOf(conversationId), []);
    assert.deepEqual(recordedFor(ghost), []);
    rejectedRun = { letter, startedAlongside: conversationId };
  });
  it('counts a rejected event as dead-lettered on its first attempt', () => {
    assert.ok(rejectedRun, 'the dead-letter test ran');
    assert.equal(rejectedRun.letter.headers[DeadLetterHeaders.attempts], '1');
  });

  it('stores the conversation started in the same batch as the rejected event', async () => {
    assert.ok(rejectedRun, 'the dead-letter test ran');
    assert.ok(
      await app.get(ConversationStore).view(rejectedRun.startedAlongside, tenantId),
      'its conversation record is stored',
    );
  });

  it('after a restart, republishes a message with the variables collected before it, loaded from the store', async () => {
    const conversationId = uniqueName('conv');
    await publish([
      started(conversationId, 'fr', 'web'),
      collected(conversationId, 'topic', 'shipping'),
      collected(conversationId, 'order_number', 48213),
      collected(conversationId, 'topic', 'billing'),
      posted(conversationId, 'm0', 'Bonjour'),
    ]);
    assert.deepEqual((await recordedMessage(conversationId, 'm0')).data.variables, {
      topic: 'billing',
      order_number: 48213,
    });
    await committedToTheEnd();

    await app.close();
    app = await startApp({ startAtEnd: false });
    await publish([posted(conversationId, 'm1', 'Toujours là ?')]);

    const m1 = await recordedMessage(conversationId, 'm1');
    assert.deepEqual(m1.data.variables, { topic: 'billing', order_number: 48213 });
    assert.equal(m1.data.language, 'fr');
    assert.equal(m1.data.channel, 'web');
    assert.equal(
      recordedFor(conversationId).filter((event) => event.data.message.messageId === 'm0').length,
      1,
      'the restarted service did not process the events before the restart again',
    );
  });
});
