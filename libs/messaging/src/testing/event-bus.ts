import {
  DeadLetterHeaders,
  Topics,
  cloudEventContentType,
  createEvent,
  eventCatalog,
  type CloudEventOf,
  type EventDataByType,
  type EventType,
} from '@handoff/contracts';
import { TopicRecorder } from './topic-recorder.js';
import { eventually } from '@handoff/service-kit/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';

/** An event to publish, by type, with the envelope id the test wants (or a random one). */
export interface Published<K extends EventType = EventType> {
  type: K;
  data: EventDataByType[K];
  id?: string;
}

export const on = <K extends EventType>(
  type: K,
  data: EventDataByType[K],
  id?: string,
): Published<K> => ({ type, data, ...(id ? { id } : {}) });

/**
 * The broker as a service's neighbours use it: bot platforms, desks and other services publish
 * CloudEvents to the topic their type travels on, keyed as the catalog says; what the service
 * publishes is recorded from the moment `start` returns.
 */
export class EventBus {
  private readonly producer: Producer;
  private readonly recorder: TopicRecorder;

  constructor(
    brokers: string[],
    private readonly name: string,
  ) {
    const kafka = new Kafka({ clientId: `${name}_bus`, brokers, logLevel: logLevel.NOTHING });
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.recorder = new TopicRecorder(brokers, `${name}_outputs`);
  }

  async start(recorded: string[]): Promise<void> {
    await this.producer.connect();
    await this.recorder.start(recorded);
  }

  async stop(): Promise<void> {
    await this.recorder.stop();
    await this.producer.disconnect();
  }

  /** Publishes in order; events of one conversation keep it, as they share a key. */
  async publish(...events: Published[]): Promise<void> {
    for (const { type, data, id } of events) {
      const event = createEvent(type, data, {
        source: `/integration-tests/${this.name}`,
        ...(id ? { id } : {}),
      });
      await this.producer.send({
        topic: eventCatalog[type].topic,
        acks: -1,
        messages: [
          {
            key: event.partitionkey,
            value: JSON.stringify(event),
            headers: { 'content-type': cloudEventContentType },
          },
        ],
      });
    }
  }

  /** Every recorded event of a type whose data matches. */
  all<K extends EventType>(
    type: K,
    match: (data: EventDataByType[K]) => boolean = () => true,
  ): CloudEventOf<K>[] {
    return this.recorder.messages
      .filter((message) => message.topic !== Topics.DeadLetter)
      .map((message) => JSON.parse(String(message.value)) as CloudEventOf<EventType>)
      .filter((event): event is CloudEventOf<K> => event.type === type)
      .filter((event) => match(event.data));
  }

  /** Dead letters recorded, with why they were refused. */
  deadLetters(): { reason: string; value: string }[] {
    return this.recorder.messages
      .filter((message) => message.topic === Topics.DeadLetter)
      .map((message) => ({
        reason: message.headers[DeadLetterHeaders.reason] ?? '',
        value: String(message.value),
      }));
  }

  /** The first recorded event of a type whose data matches, once it arrives. */
  received<K extends EventType>(
    type: K,
    match: (data: EventDataByType[K]) => boolean,
    what: string = type,
  ): Promise<CloudEventOf<K>> {
    return eventually(what, () => this.all(type, match)[0], 30_000);
  }
}
