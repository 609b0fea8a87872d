import { createEvent, eventCatalog, type EventDataByType, type EventType } from '@handoff/contracts';
import { Kafka, logLevel, type Consumer, type IHeaders, type Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProbedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  json: Record<string, any> | null;
}

/**
 * Plays the integrator: publishes to inbound topics as a bot platform would and records
 * everything that appears on the outbound topics.
 */
export class TopicProbe {
  readonly records: ProbedRecord[] = [];
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly consumer: Consumer;

  constructor(brokers: string[], groupId: string) {
    this.kafka = new Kafka({ clientId: `probe-${groupId}`, brokers, logLevel: logLevel.NOTHING }); // failures surface as errors of the calls
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.consumer = this.kafka.consumer({ groupId });
  }

  async start(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length) await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
    await admin.disconnect();
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const value = message.value?.toString() ?? null;
        this.records.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value,
          headers: decodeHeaders(message.headers ?? {}),
          json: parseJson(value),
        });
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  async publish<K extends EventType>(type: K, data: EventDataByType[K]): Promise<void> {
    const event = createEvent(type, data, { source: '/bot-platform/e2e' });
    await this.sendRaw(eventCatalog[type].topic, event.partitionkey, JSON.stringify(event));
  }

  async sendRaw(topic: string, key: string, value: string): Promise<{ partition: number; offset: string }> {
    const [meta] = await this.producer.send({ topic, acks: -1, messages: [{ key, value }] });
    return { partition: meta!.partition, offset: meta!.baseOffset ?? '' };
  }

  async waitFor(description: string, predicate: (record: ProbedRecord) => boolean, timeoutMs = 30_000): Promise<ProbedRecord> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.records.find(predicate);
      if (found) return found;
      await sleep(100);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
  }
}

function decodeHeaders(headers: IHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value ?? '')]));
}

function parseJson(value: string | null): Record<string, any> | null {
  try {
    return value ? JSON.parse(value) : null;
  } catch {
    return null;
  }
}
