import {
  createEvent,
  type CloudEventOf,
  eventCatalog,
  topicConfig,
  type EventDataByType,
  type EventType,
  type Topic,
} from '@handoff/contracts';
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
    if (missing.length) {
      await admin.createTopics({
        topics: missing.map((topic) => ({
          topic,
          numPartitions: 3,
          configEntries: Object.entries(topicConfig(topic as Topic)).map(([name, value]) => ({
            name,
            value,
          })),
        })),
      });
    }
    // A new topic's metadata can say "unknown topic" for a moment, which kafkajs's own wait for
    // leaders does not retry; the services' TopicProvisioner waits the same way.
    await pollUntil('leaders for every probed topic', async () => {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      return (
        found.every(({ partitions }) => partitions.every(({ leader }) => leader >= 0)) || undefined
      );
    });
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
    await this.publishEvent(createEvent(type, data, { source: '/bot-platform/e2e' }));
  }

  /** Sends an event already built, so a retry after a broker outage sends the same id again. */
  async publishEvent(event: CloudEventOf<EventType>): Promise<void> {
    await this.sendRaw(eventCatalog[event.type].topic, event.partitionkey, JSON.stringify(event));
  }

  async sendRaw(
    topic: string,
    key: string,
    value: string,
  ): Promise<{ partition: number; offset: string }> {
    const [meta] = await this.producer.send({ topic, acks: -1, messages: [{ key, value }] });
    return { partition: meta!.partition, offset: meta!.baseOffset ?? '' };
  }

  waitFor(
    description: string,
    predicate: (record: ProbedRecord) => boolean,
    timeoutMs = 30_000,
  ): Promise<ProbedRecord> {
    return pollUntil(description, async () => this.records.find(predicate), timeoutMs);
  }
}

/** Retries until `attempt` gives a value; a failed attempt counts as "not yet". */
export async function pollUntil<T>(
  description: string,
  attempt: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const value = await attempt().catch((error: unknown) => ((lastError = error), undefined));
    if (value !== undefined) return value;
    await sleep(intervalMs);
  }
  const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${cause}`);
}

function decodeHeaders(headers: IHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, String(value ?? '')]),
  );
}

function parseJson(value: string | null): Record<string, any> | null {
  try {
    return value ? JSON.parse(value) : null;
  } catch {
    return null;
  }
}
