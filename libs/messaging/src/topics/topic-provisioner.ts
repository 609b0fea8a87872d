import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { KAFKA_CLIENT, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';

const leaderWaitMs = 30_000;
const leaderPollMs = 200;

/**
 * Creates the service's topics before its consumers subscribe; existing topics are left alone.
 * Services often boot together against a fresh broker, so a topic may be created by another
 * service, and a new topic's metadata may briefly say "unknown topic" (which kafkajs's own
 * wait for leaders does not retry): start-up waits until every topic of the service has a leader.
 */
@Injectable()
export class TopicProvisioner implements OnModuleInit {
  private readonly logger = new Logger(TopicProvisioner.name);

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await this.createMissing(admin);
      await this.waitForLeaders(admin);
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
          const leaderless = found.filter(({ partitions }) => partitions.some(({ leader }) => leader < 0));
          return leaderless.length ? `no leader yet for ${leaderless.map(({ name }) => name).join(', ')}` : null;
        },
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      if (problem === null) return;
      if (Date.now() >= deadline) throw new Error(`topics not ready after ${leaderWaitMs / 1000}s: ${problem}`);
      await sleep(leaderPollMs);
    }
  }
}
