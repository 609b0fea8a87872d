import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EventDataByType, EventType } from '@handoff/contracts';
import { context, propagation } from '@opentelemetry/api';
import { Partitioners, type Kafka, type Message, type Producer, type TopicMessages } from 'kafkajs';
import { KAFKA_CLIENT, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { eventMessage, type EmitOptions, type TopicMessage } from './event-message.js';

const acksAll = -1;

/**
 * Publishes CloudEvents in structured mode, keyed by their aggregate id. The producer is
 * idempotent with acks=all, so a retried send neither loses nor duplicates a message. It is
 * connected by KafkaStartup and disconnected after the consumers have stopped.
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly producer: Producer;
  private connected = false;

  constructor(
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Keys hash to the same partitions as the Java client's, so other producers agree on ordering.
      createPartitioner: Partitioners.DefaultPartitioner,
      // An idempotent producer keeps retrying until the broker has the message; giving up could lose it.
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 30_000 },
    });
    this.producer.on(this.producer.events.CONNECT, () => (this.connected = true));
    this.producer.on(this.producer.events.DISCONNECT, () => (this.connected = false));
  }

  get isConnected(): boolean {
    return this.connected;
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  /** Wraps the data in its envelope and sends it at once to the topic its type belongs to. */
  async emit<K extends EventType>(type: K, data: EventDataByType[K], id?: string): Promise<void> {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    const traceparent = carrier['traceparent'];
    const options: EmitOptions = { ...(id ? { id } : {}), ...(traceparent ? { traceparent } : {}) };
    await this.sendAll([eventMessage(type, data, this.options.source, options)]);
  }

  /** Sends messages for several topics in one request, grouped by topic. */
  async sendAll(messages: readonly TopicMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of messages) {
      const grouped = byTopic.get(topic);
      if (grouped) grouped.push(message);
      else byTopic.set(topic, [message]);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, grouped]) => ({
      topic,
      messages: grouped,
    }));
    await this.producer.sendBatch({ acks: acksAll, topicMessages });
    this.logger.debug({
      message: 'published',
      count: messages.length,
      topics: [...byTopic.keys()],
    });
  }

  /** Raw send for records that are not CloudEvents (dead letters keep the original bytes). */
  async send(topic: string, messages: Message[]): Promise<void> {
    await this.producer.send({ topic, acks: acksAll, messages });
  }
}
