import { Topics } from '@handoff/contracts';
import type { Admin, Kafka } from 'kafkajs';
import { readTopicsToEnd, type ReadToEndOptions } from '../kafka/read-to-end.js';
import { replayHistory, type ReplayHistory } from '../replay/replay-history.js';
import { deadLetterView, type DeadLetterView } from './dead-letter-view.js';

export interface TopicShape {
  partitions: number;
  replicationFactor: number;
}

/** Everything on the dead-letter topic, and what was replayed from it, as of the start of the read. */
export interface DeadLetterLog {
  /** In dead-letter order: partition, then offset. */
  letters: DeadLetterView[];
  history: ReplayHistory;
  /** null when the dead-letter topic does not exist (nothing has failed yet, or another cluster). */
  deadLetterTopic: TopicShape | null;
  replaysTopicExists: boolean;
}

/**
 * Reads the dead-letter topic and the replays topic in one pass, creating nothing: a topic that
 * does not exist is read as empty.
 */
export async function readDeadLetters(
  kafka: Kafka,
  admin: Admin,
  options: ReadToEndOptions,
): Promise<DeadLetterLog> {
  const existing = new Set(await admin.listTopics());
  const topics = [Topics.DeadLetter, Topics.DeadLetterReplays].filter((topic) =>
    existing.has(topic),
  );
  const deadLetterTopic = existing.has(Topics.DeadLetter)
    ? await topicShape(admin, Topics.DeadLetter)
    : null;
  const read = topics.length > 0 ? await readTopicsToEnd(kafka, admin, topics, options) : new Map();
  return {
    letters: (read.get(Topics.DeadLetter) ?? []).map(deadLetterView),
    history: replayHistory(read.get(Topics.DeadLetterReplays) ?? []),
    deadLetterTopic,
    replaysTopicExists: existing.has(Topics.DeadLetterReplays),
  };
}

export async function topicShape(admin: Admin, topic: string): Promise<TopicShape> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const partitions = topics[0]?.partitions ?? [];
  return {
    partitions: partitions.length,
    replicationFactor: Math.max(1, partitions[0]?.replicas.length ?? 1),
  };
}
