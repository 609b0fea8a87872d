import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  cloudEventContentType,
  createEvent,
  eventCatalog,
  type EventDataByType,
  type EventTopic,
  type EventType,
  type TopicPayloads,
} from '@handoff/contracts';
import { context, propagation } from '@opentelemetry/api';
import { Partitioners, type IHeaders, type Kafka, type Message, type Producer } from 'kafkajs';
import { KAFKA_CLIENT, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';

const acksAll = -1;

/**
 * Publishes CloudEvents in structured mode, keyed by their aggregate id. The producer is
 * idempotent with acks=all, so a retried send neither loses nor duplicates a message.
 */
@Injectable()
export class EventPublisher implements OnModuleInit, OnModuleDestroy {
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

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer.disconnect();
  }

  /** Wraps the data in its envelope and sends it to the topic its type belongs to. */
  async emit<K extends EventType>(type: K, data: EventDataByType[K], id?: string): Promise<void> {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    const event = createEvent(type, data, {
      source: this.options.source,
      ...(carrier['traceparent'] ? { traceparent: carrier['traceparent'] } : {}),
      ...(id ? { id } : {}),
    });
    await this.publish(eventCatalog[type].topic as EventTopic, event as never);
  }

  async publish<T extends EventTopic>(topic: T, event: TopicPayloads[T]): Promise<void> {
    const headers: IHeaders = { 'content-type': cloudEventContentType };
    const message: Message = { key: event.partitionkey, value: JSON.stringify(event), headers };
    await this.send(topic, [message]);
    this.logger.debug({ message: 'published', topic, type: event.type, id: event.id, key: event.partitionkey });
  }

  /** Raw send for records that are not CloudEvents (dead letters keep the original bytes). */
  async send(topic: string, messages: Message[]): Promise<void> {
    await this.producer.send({ topic, acks: acksAll, messages });
  }
}
