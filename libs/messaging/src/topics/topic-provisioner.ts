import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  coPartitionedTopics,
  deadLetterTopicMaxMessageBytes,
  topicConfig,
  Topics,
  type Topic,
} from '@handoff/contracts';
import kafkajs, { type Admin, type Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { KAFKA_CLIENT, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';

/** Overrides the per-topic settings (tests create topics under other names). */
export const TOPIC_CONFIG = Symbol('TOPIC_CONFIG');

const leaderWaitMs = 30_000;
const leaderPollMs = 200;

/**
 * Creates the service's topics before its consumers subscribe, each with its size limit (the
 * dead-letter topic takes more than any event topic); existing topics are left alone, but a
 * dead-letter topic made elsewhere with a smaller limit is reported. Services often boot together
 * against a fresh broker, so a topic may be created by another service, and a new topic's
 * metadata may briefly say "unknown topic" (which kafkajs's own wait for leaders does not retry):
 * provisioning waits until every topic of the service has a leader.
 */
@Injectable()
export class TopicProvisioner {
  private readonly logger = new Logger(TopicProvisioner.name);

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Optional()
    @Inject(TOPIC_CONFIG)
    private readonly configFor: (topic: string) => Record<string, string> = (topic) =>
      topicConfig(topic as Topic),
  ) {}

  async provision(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await this.createMissing(admin);
      await this.waitForLeaders(admin);
      await this.checkCoPartitioned(admin);
      await this.checkDeadLetterLimit(admin);
    } finally {
      await admin.disconnect();
    }
  }

  private async createMissing(admin: Admin): Promise<void> {
    const existing = new Set(await admin.listTopics());
    const missing = this.options.topics.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    // false when every one of them was created meanwhile by another service.
    const created = await admin.createTopics({
      topics: missing.map((topic) => ({
        topic,
        numPartitions: this.options.topicPartitions,
        replicationFactor: this.options.replicationFactor,
        configEntries: Object.entries(this.configFor(topic)).map(([name, value]) => ({
          name,
          value,
        })),
      })),
    });
    if (created) this.logger.log({ message: 'created topics', topics: missing });
  }

  private async waitForLeaders(admin: Admin): Promise<void> {
    const topics = [...this.options.topics];
    const deadline = Date.now() + leaderWaitMs;
    for (;;) {
      const problem = await admin.fetchTopicMetadata({ topics }).then(
        ({ topics: found }) => {
          const leaderless = found.filter(({ partitions }) =>
            partitions.some(({ leader }) => leader < 0),
          );
          return leaderless.length
            ? `no leader yet for ${leaderless.map(({ name }) => name).join(', ')}`
            : null;
        },
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      if (problem === null) return;
      if (Date.now() >= deadline)
        throw new Error(`topics not ready after ${leaderWaitMs / 1000}s: ${problem}`);
      await sleep(leaderPollMs);
    }
  }

  /** Topics whose partition n is owned together must have as many partitions; start-up fails if not. */
  private async checkCoPartitioned(admin: Admin): Promise<void> {
    for (const group of this.options.coPartitioned ?? coPartitionedTopics) {
      const topics = group.filter((topic) => this.options.topics.includes(topic));
      if (topics.length < 2) continue;
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      const counts = new Set(found.map(({ partitions }) => partitions.length));
      if (counts.size > 1)
        throw new Error(
          `${found.map(({ name, partitions }) => `${name} has ${partitions.length} partitions`).join(', ')}: ` +
            'topics keyed alike must have as many partitions, so that one instance owns all the state of a key',
        );
    }
  }

  private async checkDeadLetterLimit(admin: Admin): Promise<void> {
    if (!this.options.topics.includes(Topics.DeadLetter)) return;
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        {
          type: kafkajs.ConfigResourceTypes.TOPIC,
          name: Topics.DeadLetter,
          configNames: ['max.message.bytes'],
        },
      ],
    });
    const value = Number(
      described.resources[0]?.configEntries.find(
        (entry) => entry.configName === 'max.message.bytes',
      )?.configValue,
    );
    if (Number.isFinite(value) && value < deadLetterTopicMaxMessageBytes) {
      this.logger.warn({
        message: `${Topics.DeadLetter} takes records up to ${value} bytes, less than the ${deadLetterTopicMaxMessageBytes} it should; larger dead letters will keep their headers but not their value`,
      });
    }
  }
}
