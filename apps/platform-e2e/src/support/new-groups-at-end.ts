import { Topics } from '@handoff/contracts';
import { Kafka, logLevel, type Admin } from 'kafkajs';

/**
 * A new consumer group reads each topic from its beginning. On a broker shared by a whole test run,
 * that is every earlier test's traffic, which services started for one test file would work
 * through before the file's own events, answering strangers' conversations meanwhile. Committing
 * the current end of every platform topic for each group that has committed nothing yet starts
 * them where their run starts. A group that has committed (a restart, a rerun of the demo) keeps
 * its place.
 */
export async function startNewGroupsAtEnd(brokers: string[], groupIds: string[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'e2e-group-start', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const platformTopics = new Set<string>(Object.values(Topics));
    const topics = (await admin.listTopics()).filter((topic) => platformTopics.has(topic));
    if (topics.length === 0) return;
    const ends = (
      await Promise.all(
        topics.map(async (topic) =>
          (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
            topic,
            partition,
            offset: high,
          })),
        ),
      )
    ).flat();
    const fresh = await newGroups(admin, groupIds, topics);
    await Promise.all(fresh.map((groupId) => commitAs(kafka, groupId, topics, ends)));
  } finally {
    await admin.disconnect();
  }
}

async function newGroups(admin: Admin, groupIds: string[], topics: string[]): Promise<string[]> {
  const committed = await Promise.all(
    groupIds.map((groupId) => admin.fetchOffsets({ groupId, topics })),
  );
  return groupIds.filter((_, index) =>
    committed[index]!.every(({ partitions }) => partitions.every(({ offset }) => offset === '-1')),
  );
}

/**
 * Joins the group alone, so every partition is its own, commits the ends and leaves. Nothing is
 * consumed: the topics are paused as soon as the consumer runs.
 */
async function commitAs(
  kafka: Kafka,
  groupId: string,
  topics: string[],
  ends: { topic: string; partition: number; offset: string }[],
): Promise<void> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
    await consumer.subscribe({ topics });
    // Paused at once, so no batch comes; none would be committed either way.
    await consumer.run({ autoCommit: false, eachBatch: () => Promise.resolve() });
    consumer.pause(topics.map((topic) => ({ topic })));
    await joined;
    await consumer.commitOffsets(ends);
  } finally {
    await consumer.disconnect();
  }
}
