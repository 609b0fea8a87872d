import { topicConfig, type Topic } from '@handoff/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { sharedTopicPartitions } from './integration-infra.js';

/**
 * Creates the platform topics a test reads before any service has, with the settings the services
 * would give them, and waits until each partition has a leader. The local broker does not create
 * topics on first use, so a test reading a topic no service has made yet needs this.
 */
export async function ensureTopics(
  brokers: string[],
  topics: readonly Topic[],
  partitions = sharedTopicPartitions,
): Promise<void> {
  const admin = new Kafka({
    clientId: 'tests-topics',
    brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          configEntries: Object.entries(topicConfig(topic)).map(([name, value]) => ({
            name,
            value,
          })),
        })),
      });
    }
    for (let attempt = 0; attempt < 150; attempt++) {
      const ready = await admin
        .fetchTopicMetadata({ topics: [...topics] })
        .then(({ topics: found }) =>
          found.every(({ partitions: listed }) => listed.every(({ leader }) => leader >= 0)),
        )
        .catch(() => false);
      if (ready) return;
      await sleep(200);
    }
    throw new Error(`topics without leaders after 30 s: ${topics.join(', ')}`);
  } finally {
    await admin.disconnect();
  }
}
