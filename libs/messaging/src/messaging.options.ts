import type { KafkaConnection } from './connection/kafka-connection.js';

export interface MessagingOptions {
  connection: KafkaConnection;
  groupId: string;
  /** CloudEvents `source` of everything this service publishes, e.g. `/handoff/routing`. */
  source: string;
  /** Topics this service creates at boot if missing (those it publishes to or reads). */
  topics: readonly string[];
  topicPartitions: number;
  /** Groups of topics that must have as many partitions (by default the contracts' own). */
  coPartitioned?: readonly (readonly string[])[];
  replicationFactor: number;
  /** Processing attempts for a valid event that fails deterministically before it is dead-lettered. */
  maxAttempts: number;
  /** First wait after a failure; doubles on each consecutive one. */
  retryBackoffMs: number;
  /** Longest wait between retries of a partition whose dependency is down. */
  retryMaxBackoffMs: number;
  /** Partitions one instance processes at the same time. */
  partitionsConsumedConcurrently: number;
  /** Most records handed to a handler at once. */
  maxBatchSize: number;
  /** A handler running longer than this means the consumer is stuck: liveness fails. */
  stallTimeoutMs: number;
  /**
   * Where a group with no committed offsets starts reading: `earliest` (the default, so nothing is
   * missed) or `latest`, for a group of one instance that only serves what happens while it runs
   * (a gateway instance streaming live updates to its own clients).
   */
  newGroupStartsAt?: 'earliest' | 'latest';
  /** How long the group waits for a silent member (a crashed instance) before its partitions move. */
  sessionTimeoutMs?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
