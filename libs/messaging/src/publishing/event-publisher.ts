import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
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
  private readonly producer: Producer;
  private connected = false;
  private queued: { messages: readonly TopicMessage[]; settle: (error?: unknown) => void }[] = [];
  private sending = false;

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

  /**
   * Sends messages for several topics. Calls made while a send is in flight go out together in
   * the next request: under load, the batches of many partitions share one produce request, which
   * costs the broker far less than one request each. Order per partition is kept (one request in
   * flight, queue order); each caller hears back when its own messages are acknowledged.
   */
  sendAll(messages: readonly TopicMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queued.push({ messages, settle: (error) => (error ? reject(error) : resolve()) });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queued.length > 0) {
        const waiting = this.queued.splice(0);
        try {
          await this.producer.sendBatch({
            acks: acksAll,
            topicMessages: byTopic(waiting.flatMap(({ messages }) => messages)),
          });
          waiting.forEach(({ settle }) => settle());
        } catch (error) {
          waiting.forEach(({ settle }) => settle(error));
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /** Raw send for records that are not CloudEvents (dead letters keep the original bytes). */
  async send(topic: string, messages: Message[]): Promise<void> {
    await this.producer.send({ topic, acks: acksAll, messages });
  }
}

function byTopic(messages: readonly TopicMessage[]): TopicMessages[] {
  const grouped = new Map<string, Message[]>();
  for (const { topic, message } of messages) {
    const list = grouped.get(topic);
    if (list) list.push(message);
    else grouped.set(topic, [message]);
  }
  return [...grouped].map(([topic, list]) => ({ topic, messages: list }));
}
