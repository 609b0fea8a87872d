import type { BaseEnv } from '@handoff/service-kit';
import type { MessagingOptions } from './messaging.options.js';

/** Messaging options from the validated environment, plus what only the service knows. */
export function messagingOptionsFrom(
  env: BaseEnv,
  service: { source: string; topics: readonly string[] },
): MessagingOptions {
  return {
    brokers: env.KAFKA_BROKERS,
    clientId: env.KAFKA_CLIENT_ID,
    groupId: env.KAFKA_GROUP_ID,
    source: service.source,
    topics: service.topics,
    topicPartitions: env.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    maxAttempts: env.KAFKA_MAX_ATTEMPTS,
    retryBackoffMs: env.KAFKA_RETRY_BACKOFF_MS,
  };
}
