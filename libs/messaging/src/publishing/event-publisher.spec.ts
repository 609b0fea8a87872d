import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  EventValidator,
  Topics,
  cloudEventContentType,
  type EventDataByType,
  type EventTopic,
} from '@handoff/contracts';
import { propagation, type TextMapPropagator } from '@opentelemetry/api';
import type { Message, ProducerBatch, ProducerConfig, ProducerRecord } from 'kafkajs';
import { KAFKA_CLIENT, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { eventMessage, type TopicMessage } from './event-message.js';
import { EventPublisher } from './event-publisher.js';

/** Records what would reach the broker. */
class FakeProducer {
  readonly events = { CONNECT: 'producer.connect', DISCONNECT: 'producer.disconnect' } as const;
  readonly batches: ProducerBatch[] = [];
  readonly sent: ProducerRecord[] = [];
  failure?: Error;
  private readonly listeners = new Map<string, () => void>();

  on(event: string, listener: () => void): void {
    this.listeners.set(event, listener);
  }

  fire(event: string): void {
    this.listeners.get(event)?.();
  }

  /** When set, each sendBatch waits for it, so calls made meanwhile queue up. */
  gate?: Promise<void>;

  async sendBatch(batch: ProducerBatch): Promise<void> {
    await this.gate;
    if (this.failure) throw this.failure;
    this.batches.push(batch);
  }

  async send(record: ProducerRecord): Promise<void> {
    if (this.failure) throw this.failure;
    this.sent.push(record);
  }
}

/** Puts a fixed traceparent on every carrier, as the SDK's W3C propagator does for the active span. */
class FixedTraceparent implements TextMapPropagator {
  constructor(private readonly traceparent: string) {}

  inject(_context: unknown, carrier: unknown): void {
    (carrier as Record<string, string>)['traceparent'] = this.traceparent;
  }

  extract<C>(context: C): C {
    return context;
  }

  fields(): string[] {
    return ['traceparent'];
  }
}

const options: MessagingOptions = {
  connection: { brokers: ['127.0.0.1:9092'], clientId: 'tests' },
  groupId: 'tests',
  source: '/handoff/tests',
  topics: [],
  topicPartitions: 1,
  replicationFactor: 1,
  maxAttempts: 3,
  retryBackoffMs: 0,
  retryMaxBackoffMs: 10,
  partitionsConsumedConcurrently: 1,
  maxBatchSize: 100,
  stallTimeoutMs: 60_000,
};

const control: EventDataByType['handoff.conversation.control.requested'] = {
  conversationId: 'conv-1',
  tenantId: 'acme',
  action: 'pause_bot',
  reason: 'agent_assigned',
  agentId: 'agent-7',
  requestedAt: '2026-11-25T10:00:00.000Z',
};

const notification = (
  conversationId: string,
): EventDataByType['handoff.customer.notification.requested'] => ({
  notificationId: `notif-${conversationId}`,
  conversationId,
  tenantId: 'acme',
  channel: 'web',
  language: 'en',
  template: 'handoff.connecting',
  text: 'Connecting you to an agent.',
  createdAt: '2026-11-25T10:00:00.000Z',
});

const valueOf = (message: Message) => JSON.parse(String(message.value));

describe('EventPublisher', () => {
  let producer: FakeProducer;
  let producerConfig: ProducerConfig | undefined;
  let publisher: EventPublisher;

  before(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    producer = new FakeProducer();
    const kafka = {
      producer: (config: ProducerConfig) => {
        producerConfig = config;
        return producer;
      },
    };
    const moduleRef = await Test.createTestingModule({
      providers: [
        EventPublisher,
        { provide: KAFKA_CLIENT, useValue: kafka },
        { provide: MESSAGING_OPTIONS, useValue: options },
      ],
    }).compile();
    publisher = moduleRef.get(EventPublisher);
  });

  afterEach(() => propagation.disable());

  it('uses an idempotent producer that never creates topics, and waits for every in-sync replica', async () => {
    assert.equal(producerConfig?.idempotent, true);
    assert.equal(producerConfig?.allowAutoTopicCreation, false);
    assert.equal(producerConfig?.maxInFlightRequests, 1);

    await publisher.emit('handoff.conversation.control.requested', control, 'control:1');
    await publisher.send(Topics.DeadLetter, [{ key: null, value: 'x' }]);

    assert.equal(producer.batches[0]!.acks, -1);
    assert.equal(producer.sent[0]!.acks, -1);
  });

  describe('emit', () => {
    it('sends the event at once to the topic of its type, keyed by its conversation, as a structured CloudEvent', async () => {
      await publisher.emit('handoff.conversation.control.requested', control, 'control:decision-1');

      assert.equal(producer.batches.length, 1);
      const { topicMessages } = producer.batches[0]!;
      assert.equal(topicMessages!.length, 1);
      const [{ topic, messages }] = topicMessages as [{ topic: string; messages: Message[] }];
      assert.equal(topic, Topics.ConversationControl);
      assert.equal(messages.length, 1);
      const [message] = messages as [Message];
      assert.equal(message.key, 'conv-1');
      assert.deepEqual(message.headers, { 'content-type': cloudEventContentType });
      const event = valueOf(message);
      assert.equal(event.id, 'control:decision-1');
      assert.equal(event.source, '/handoff/tests');
      assert.equal(event.type, 'handoff.conversation.control.requested');
      assert.equal(event.partitionkey, 'conv-1');
      assert.equal(event.tenantid, 'acme');
      assert.deepEqual(event.data, control);
    });

    it('produces what a consumer of the topic accepts', async () => {
      await publisher.emit('handoff.conversation.control.requested', control);

      const { topic, messages } = producer.batches[0]!.topicMessages![0]!;
      const [message] = messages as [Message];
      const check = new EventValidator().check(topic as EventTopic, {
        key: message.key as string,
        value: message.value as string,
      });
      assert.equal(check.kind, 'event', JSON.stringify(check));
    });

    it('gives each event a fresh id when none is derived', async () => {
      await publisher.emit('handoff.conversation.control.requested', control);
      await publisher.emit('handoff.conversation.control.requested', control);

      const ids = producer.batches.map(
        (batch) => valueOf(batch.topicMessages![0]!.messages[0]!).id,
      );
      assert.equal(ids.length, 2);
      assert.notEqual(ids[0], ids[1]);
    });

    it('continues the active trace', async () => {
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      propagation.setGlobalPropagator(new FixedTraceparent(traceparent));

      await publisher.emit('handoff.conversation.control.requested', control);

      assert.equal(
        valueOf(producer.batches[0]!.topicMessages![0]!.messages[0]!).traceparent,
        traceparent,
      );
    });

    it('leaves traceparent out when there is no trace', async () => {
      await publisher.emit('handoff.conversation.control.requested', control);

      assert.equal(
        'traceparent' in valueOf(producer.batches[0]!.topicMessages![0]!.messages[0]!),
        false,
      );
    });

    it('refuses an event larger than its topic takes, sending nothing', async () => {
      const huge = { ...notification('conv-1'), text: 'x'.repeat(800 * 1024) };

      await assert.rejects(
        publisher.emit('handoff.customer.notification.requested', huge),
        /over the 786432-byte limit/,
      );
      assert.equal(producer.batches.length, 0);
    });

    it('fails when the broker does not take the event', async () => {
      producer.failure = new Error('Connection error');
      await assert.rejects(
        publisher.emit('handoff.conversation.control.requested', control),
        /Connection error/,
      );
    });
  });

  describe('sendAll', () => {
    it('sends messages for several topics in one request, grouped by topic, keeping their order within each topic', async () => {
      const messages: TopicMessage[] = [
        eventMessage('handoff.conversation.control.requested', control, '/s', { id: 'c1' }),
        eventMessage('handoff.customer.notification.requested', notification('conv-1'), '/s', {
          id: 'n1',
        }),
        eventMessage(
          'handoff.conversation.control.requested',
          { ...control, conversationId: 'conv-2' },
          '/s',
          { id: 'c2' },
        ),
        eventMessage('handoff.customer.notification.requested', notification('conv-2'), '/s', {
          id: 'n2',
        }),
        eventMessage(
          'handoff.conversation.control.requested',
          { ...control, action: 'resume_bot' },
          '/s',
          { id: 'c3' },
        ),
      ];

      await publisher.sendAll(messages);

      assert.equal(producer.batches.length, 1);
      assert.equal(producer.batches[0]!.acks, -1);
      assert.deepEqual(
        producer.batches[0]!.topicMessages!.map(({ topic, messages: grouped }) => [
          topic,
          grouped.map((message) => valueOf(message).id),
        ]),
        [
          [Topics.ConversationControl, ['c1', 'c2', 'c3']],
          [Topics.CustomerNotifications, ['n1', 'n2']],
        ],
      );
      assert.strictEqual(
        producer.batches[0]!.topicMessages![0]!.messages[0],
        messages[0]!.message,
        'messages are sent as built',
      );
    });

    it('sends nothing for no messages', async () => {
      await publisher.sendAll([]);
      assert.equal(producer.batches.length, 0);
    });

    it('sends what callers ask for while a request is in flight together in the next one, in order', async () => {
      let open!: () => void;
      producer.gate = new Promise((resolve) => (open = resolve));
      const message = (id: string) =>
        eventMessage('handoff.conversation.control.requested', control, '/s', { id });
      const first = publisher.sendAll([message('a')]);
      const queued = [
        publisher.sendAll([message('b')]),
        publisher.sendAll([message('c'), message('d')]),
      ];
      open();
      await Promise.all([first, ...queued]);

      assert.deepEqual(
        producer.batches.map((batch) =>
          batch.topicMessages!.flatMap(({ messages }) => messages.map((sent) => valueOf(sent).id)),
        ),
        [['a'], ['b', 'c', 'd']],
      );
    });

    it('fails every caller whose messages were in a request the broker refused, and goes on with the next', async () => {
      let open!: () => void;
      producer.gate = new Promise((resolve) => (open = resolve));
      const message = (id: string) =>
        eventMessage('handoff.conversation.control.requested', control, '/s', { id });
      const first = publisher.sendAll([message('a')]);
      const second = publisher.sendAll([message('b')]);
      const third = publisher.sendAll([message('c')]);
      producer.failure = new Error('broker unreachable');
      open();
      await Promise.all([
        assert.rejects(first, /broker unreachable/),
        assert.rejects(second, /broker unreachable/),
        assert.rejects(third, /broker unreachable/),
      ]);
      producer.failure = undefined;
      await publisher.sendAll([message('d')]);
      assert.equal(producer.batches.length, 1);
    });
  });

  describe('send', () => {
    it('sends raw messages untouched to the topic given', async () => {
      const message: Message = {
        key: Buffer.from([0, 255]),
        value: null,
        headers: { a: Buffer.from('{"b":1}') },
      };

      await publisher.send(Topics.DeadLetter, [message]);

      assert.equal(producer.sent.length, 1);
      assert.equal(producer.sent[0]!.topic, Topics.DeadLetter);
      assert.strictEqual(producer.sent[0]!.messages[0], message);
    });
  });

  it('reports whether the producer is connected', () => {
    assert.equal(publisher.isConnected, false);
    producer.fire(producer.events.CONNECT);
    assert.equal(publisher.isConnected, true);
    producer.fire(producer.events.DISCONNECT);
    assert.equal(publisher.isConnected, false);
  });
});

describe('eventMessage', () => {
  it('holds an event on an inbound topic to the inbound limit, and an internal one to the larger internal limit', () => {
    const agent: EventDataByType['handoff.agent.status.changed'] = {
      agentId: 'agent-7',
      tenantId: 'acme',
      displayName: 'x'.repeat(70 * 1024),
      status: 'online',
      skills: [],
      languages: ['en'],
      capacity: 3,
    };
    assert.throws(
      () => eventMessage('handoff.agent.status.changed', agent, '/s'),
      /over the 65536-byte limit of handoff\.agent\.status\.v1/,
    );

    const internal = eventMessage(
      'handoff.customer.notification.requested',
      { ...notification('conv-1'), text: 'x'.repeat(70 * 1024) },
      '/s',
    );
    assert.equal(internal.topic, Topics.CustomerNotifications);
  });

  it('names the type, id, size, limit and topic of an event it refuses', () => {
    const huge = { ...notification('conv-1'), text: 'x'.repeat(800 * 1024) };
    assert.throws(
      () => eventMessage('handoff.customer.notification.requested', huge, '/s', { id: 'notif:1' }),
      /^Error: handoff\.customer\.notification\.requested notif:1 is \d+ bytes, over the 786432-byte limit of handoff\.customer\.notifications\.v1$/,
    );
  });
});
