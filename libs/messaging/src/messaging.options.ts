export interface MessagingOptions {
  brokers: string[];
  clientId: string;
  groupId: string;
  /** CloudEvents `source` of everything this service publishes, e.g. `/handoff/routing`. */
  source: string;
  /** Topics this service creates at boot if missing (those it publishes to or reads). */
  topics: readonly string[];
  topicPartitions: number;
  replicationFactor: number;
  /** Processing attempts for a valid event before it is dead-lettered. */
  maxAttempts: number;
  retryBackoffMs: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
