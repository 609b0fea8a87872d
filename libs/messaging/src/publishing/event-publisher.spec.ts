import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Test } from '@nestjs/testing';
import { EventValidator, Topics, cloudEventContentType, type EventTopic } from '@handoff/contracts';
import type { ProducerConfig, ProducerRecord } from 'kafkajs';
import { KAFKA_CLIENT, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { EventPublisher } from './event-publisher.js';

/** Records what would reach the broker. */
class FakeProducer {
  readonly events = { CONNECT: 'producer.connect', DISCONNECT: 'producer.disconnect' } as const;
  readonly sent: ProducerRecord[] = [];
  private readonly listeners = new Map<string, () => void>();

  on(event: string, listener: () => void): void {
    this.listeners.set(event, listener);
  }

  fire(event: string): void {
    this.listeners.get(event)?.();
  }

  async send(record: ProducerRecord): Promise<void> {
    this.sent.push(record);
  }
}

const options: MessagingOptions = {
  brokers: ['127.0.0.1:9092'],
  clientId: 'tests',
  groupId: 'tests',
  source: '/handoff/tests',
  topics: [],
  topicPartitions: 1,
  replicationFactor: 1,
  maxAttempts: 3,
  retryBackoffMs: 0,
};

const control = {
  conversationId: 'conv-1',
  tenantId: 'acme',
  action: 'pause_bot',
  reason: 'agent_assigned',
  agentId: 'agent-7',
  requestedAt: '2026-11-25T10:00:00.000Z',
} as const;

describe('EventPublisher', () => {
  let producer: FakeProducer;
  let producerConfig: ProducerConfig | undefined;
  let publisher: EventPublisher;

  beforeEach(async () => {
    producer = new FakeProducer();
    const kafka = {
      producer: (config: ProducerConfig) => {
        producerConfig = config;
        return producer;
      },
    };
    const moduleRef = await Test.createTestingModule({
      providers: [EventPublisher, { provide: KAFKA_CLIENT, useValue: kafka }, { provide: MESSAGING_OPTIONS, useValue: options }],
    }).compile();
    publisher = moduleRef.get(EventPublisher);
  });

  it('uses an idempotent producer and waits for every in-sync replica', async () => {
    assert.equal(producerConfig?.idempotent, true);
    await publisher.emit('handoff.conversation.control.requested', control, 'control:1');
    assert.equal(producer.sent[0]!.acks, -1);
  });

  it('sends an event to the topic of its type, keyed by its conversation, as a structured CloudEvent', async () => {
    await publisher.emit('handoff.conversation.control.requested', control, 'control:decision-1');

    assert.equal(producer.sent.length, 1);
    const [record] = producer.sent;
    assert.equal(record!.topic, Topics.ConversationControl);
    const [message] = record!.messages;
    assert.equal(message!.key, 'conv-1');
    assert.deepEqual(message!.headers, { 'content-type': cloudEventContentType });
    const event = JSON.parse(String(message!.value));
    assert.equal(event.id, 'control:decision-1');
    assert.equal(event.source, '/handoff/tests');
    assert.equal(event.type, 'handoff.conversation.control.requested');
    assert.deepEqual(event.data, control);
  });

  it('produces what a consumer of the topic accepts', async () => {
    await publisher.emit('handoff.conversation.control.requested', control);

    const [record] = producer.sent;
    const result = new EventValidator().parse(record!.topic as EventTopic, Buffer.from(String(record!.messages[0]!.value)));
    assert.ok(result.ok, result.ok ? '' : result.reason);
  });

  it('gives each event a fresh id when none is derived', async () => {
    await publisher.emit('handoff.conversation.control.requested', control);
    await publisher.emit('handoff.conversation.control.requested', control);

    const ids = producer.sent.map((r) => JSON.parse(String(r.messages[0]!.value)).id);
    assert.notEqual(ids[0], ids[1]);
  });

  it('reports whether the producer is connected', () => {
    assert.equal(publisher.isConnected, false);
    producer.fire(producer.events.CONNECT);
    assert.equal(publisher.isConnected, true);
    producer.fire(producer.events.DISCONNECT);
    assert.equal(publisher.isConnected, false);
  });
});
