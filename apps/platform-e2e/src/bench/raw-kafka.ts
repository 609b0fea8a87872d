import { Kafka, logLevel } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The baseline: how long a record takes from a kafkajs producer to a kafkajs consumer on the same
 * broker, sent at a steady rate, with the same acks=all and idempotence the platform uses.
 */
export class RawKafkaProbe {
  private readonly kafka: Kafka;
  private readonly topic: string;
  private readonly latencies: number[] = [];
  private readonly producer;
  private readonly consumer;

  constructor(brokers: string[], runId: string) {
    this.kafka = new Kafka({ clientId: `${runId}-raw`, brokers, logLevel: logLevel.NOTHING });
    this.topic = `bench.raw.${runId}`;
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.consumer = this.kafka.consumer({ groupId: `${runId}-raw`, maxWaitTimeInMs: 100 });
  }

  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: this.topic, numPartitions: 3 }],
      waitForLeaders: true,
    });
    await admin.disconnect();
    await Promise.all([this.producer.connect(), this.consumer.connect()]);
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.latencies.push(Date.now() - Number(message.value!.toString()));
      },
    });
  }

  /** Sends at the given rate for the given time; the latencies of those records are returned. */
  async measure(perSecond: number, seconds: number): Promise<number[]> {
    const from = this.latencies.length;
    const count = Math.round(perSecond * seconds);
    const started = Date.now();
    for (let index = 0; index < count; index++) {
      const due = started + (index * 1000) / perSecond;
      if (due > Date.now()) await sleep(due - Date.now());
      await this.producer.send({
        topic: this.topic,
        acks: -1,
        messages: [{ key: String(index), value: String(Date.now()) }],
      });
    }
    const deadline = Date.now() + 10_000;
    while (this.latencies.length - from < count && Date.now() < deadline) await sleep(50);
    return this.latencies.slice(from);
  }

  async stop(): Promise<void> {
    await Promise.all([this.producer.disconnect(), this.consumer.disconnect()]);
  }
}
