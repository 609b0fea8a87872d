import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventValidator, Topics, cloudEventContentType } from '@handoff/contracts';
import { HealthModule } from '@handoff/service-kit';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { MessagingModule } from '../messaging.module.js';
import { testMessagingOptions } from '../testing/agent-status-test-app.js';
import { TopicRecorder, type RecordedMessage } from '../testing/topic-recorder.js';
import { KafkaStartup } from '../topics/kafka-startup.js';
import { EventPublisher } from './event-publisher.js';

const runName = uniqueName('int_publisher');
const tenantId = `tenant_${runName}`;
const validator = new EventValidator();
let app: INestApplication;
let publisher: EventPublisher;
let recorder: TopicRecorder;

function recordsKeyed(key: string): RecordedMessage[] {
  return recorder.messages.filter((message) => message.key?.toString() === key);
}

describe('EventPublisher over a real Kafka broker', () => {
  before(async () => {
    const infra = integrationInfra();
    const options = {
      ...testMessagingOptions(infra.brokers, runName),
      topics: [Topics.AgentStatus, Topics.ConversationEvents, Topics.DeadLetter],
    };
    const moduleRef = await Test.createTestingModule({
      imports: [HealthModule, MessagingModule.forRoot(options)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
    recorder = new TopicRecorder(infra.brokers, `${runName}_reader`);
    await Promise.all([
      app.init().then(() => app.get(KafkaStartup).ready),
      recorder.start([Topics.AgentStatus, Topics.ConversationEvents]),
    ]);
    publisher = app.get(EventPublisher);
  });

  after(async () => {
    await Promise.all([recorder?.stop(), app?.close()]);
  });

  it('keys an agent event by agent id, marks it as a structured CloudEvent, and sends what consumers accept', async () => {
    const agentId = uniqueName('agent');
    await publisher.emit('handoff.agent.status.changed', {
      agentId,
      tenantId,
      displayName: 'Ana',
      status: 'online',
      skills: [],
      languages: ['en'],
      capacity: 1,
    });

    const [record] = await eventually(
      'the published agent event',
      () => recordsKeyed(agentId).length > 0 && recordsKeyed(agentId),
    );
    assert.equal(record!.topic, Topics.AgentStatus);
    assert.equal(record!.headers['content-type'], cloudEventContentType);
    assert.equal(record!.headers['content-type'], 'application/cloudevents+json; charset=utf-8');
    const parsed = validator.check(Topics.AgentStatus, record!);
    assert.equal(
      parsed.kind,
      'event',
      `the published event passes the consumers' check: ${JSON.stringify(parsed)}`,
    );
    const event = (parsed as { event: { partitionkey: string; source: string } }).event;
    assert.equal(event.partitionkey, agentId);
    assert.equal(event.source, '/handoff/integration-tests');
  });

  it('keys conversation events by conversation id, keeps the given id, and keeps one aggregate on one partition in order', async () => {
    const conversationId = uniqueName('conv');
    const startedAt = new Date().toISOString();
    await publisher.emit(
      'handoff.conversation.started',
      {
        conversationId,
        tenantId,
        channel: 'web',
        language: 'en',
        customer: { customerId: 'cust-1' },
        startedAt,
      },
      `started-${conversationId}`,
    );
    for (const messageId of ['m1', 'm2', 'm3']) {
      await publisher.emit('handoff.conversation.message.posted', {
        conversationId,
        tenantId,
        messageId,
        sender: 'customer',
        text: `message ${messageId}`,
        sentAt: startedAt,
      });
    }

    const records = await eventually(
      'four events of one conversation',
      () => recordsKeyed(conversationId).length === 4 && recordsKeyed(conversationId),
    );
    assert.ok(records.every((record) => record.topic === Topics.ConversationEvents));
    assert.equal(
      new Set(records.map((record) => record.partition)).size,
      1,
      'one aggregate, one partition',
    );
    assert.ok(records.every((record) => record.headers['content-type'] === cloudEventContentType));
    const events = records.map((record) => JSON.parse(record.value!.toString()));
    assert.equal(events[0].id, `started-${conversationId}`);
    assert.deepEqual(
      events.map((event) => event.type),
      ['handoff.conversation.started', ...Array(3).fill('handoff.conversation.message.posted')],
    );
    assert.deepEqual(
      events.slice(1).map((event) => event.data.messageId),
      ['m1', 'm2', 'm3'],
    );
  });
});
