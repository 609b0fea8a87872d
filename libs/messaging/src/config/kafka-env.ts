import { ConfigError, hostPortSchema } from '@handoff/service-kit';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { KafkaConnection } from '../connection/kafka-connection.js';
import type { MessagingOptions } from '../messaging.options.js';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const optionalText = z.string().min(1).optional();

/**
 * The Kafka settings every service reads. Secrets come from `<NAME>` or from the file named by
 * `<NAME>_FILE` (a mounted Kubernetes secret); they are read once at boot and never logged.
 */
export function kafkaEnv(service: string) {
  return {
    KAFKA_BROKERS: z
      .string()
      .default('127.0.0.1:9092')
      .transform((value) => value.split(',').map((broker) => broker.trim()))
      .pipe(z.array(hostPortSchema).min(1)),
    KAFKA_CLIENT_ID: z.string().min(1).default(`handoff-${service}`),
    KAFKA_GROUP_ID: z.string().min(1).default(`handoff-${service}`),
    KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(256).default(6),
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(7).default(1),
    KAFKA_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    KAFKA_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(60_000).default(200),
    KAFKA_RETRY_MAX_BACKOFF_MS: z.coerce.number().int().min(1).max(600_000).default(30_000),
    KAFKA_PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    KAFKA_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
    KAFKA_STALL_TIMEOUT_MS: z.coerce.number().int().min(1000).default(300_000),
    KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300_000).default(30_000),
    KAFKA_SSL: flag.optional(),
    KAFKA_SSL_CA_FILE: optionalText,
    KAFKA_SSL_CERT_FILE: optionalText,
    KAFKA_SSL_KEY_FILE: optionalText,
    KAFKA_SSL_KEY_PASSWORD: optionalText,
    KAFKA_SSL_KEY_PASSWORD_FILE: optionalText,
    KAFKA_SSL_REJECT_UNAUTHORIZED: flag.default(true),
    KAFKA_SSL_SERVERNAME: optionalText,
    KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
    KAFKA_SASL_USERNAME: optionalText,
    KAFKA_SASL_USERNAME_FILE: optionalText,
    KAFKA_SASL_PASSWORD: optionalText,
    KAFKA_SASL_PASSWORD_FILE: optionalText,
  };
}

export type KafkaEnv = z.output<z.ZodObject<ReturnType<typeof kafkaEnv>>>;

export type ReadSecretFile = (path: string) => string;
const readFromDisk: ReadSecretFile = (path) => readFileSync(path, 'utf8');

/** Messaging options from the validated environment, plus what only the service knows. */
export function messagingOptionsFrom(
  env: KafkaEnv,
  service: { source: string; topics: readonly string[] },
  readFile: ReadSecretFile = readFromDisk,
): MessagingOptions {
  return {
    connection: kafkaConnectionFrom(env, readFile),
    groupId: env.KAFKA_GROUP_ID,
    source: service.source,
    topics: service.topics,
    topicPartitions: env.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    maxAttempts: env.KAFKA_MAX_ATTEMPTS,
    retryBackoffMs: env.KAFKA_RETRY_BACKOFF_MS,
    retryMaxBackoffMs: env.KAFKA_RETRY_MAX_BACKOFF_MS,
    partitionsConsumedConcurrently: env.KAFKA_PARTITIONS_CONCURRENCY,
    maxBatchSize: env.KAFKA_MAX_BATCH_SIZE,
    stallTimeoutMs: env.KAFKA_STALL_TIMEOUT_MS,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
  };
}

/** Brokers, TLS and SASL from the environment; contradictions stop the service, naming the variable. */
export function kafkaConnectionFrom(
  env: KafkaEnv,
  readFile: ReadSecretFile = readFromDisk,
): KafkaConnection {
  const problems: string[] = [];
  const file = (variable: keyof KafkaEnv): string | undefined => {
    const path = env[variable] as string | undefined;
    if (!path) return undefined;
    try {
      return readFile(path);
    } catch (error) {
      problems.push(
        `${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
      return undefined;
    }
  };
  const secret = (
    variable: 'KAFKA_SSL_KEY_PASSWORD' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD',
  ): string | undefined => {
    if (env[variable] && env[`${variable}_FILE`])
      problems.push(`${variable}: set either ${variable} or ${variable}_FILE, not both`);
    return env[variable] ?? file(`${variable}_FILE`)?.trim();
  };

  const connection: KafkaConnection = { brokers: env.KAFKA_BROKERS, clientId: env.KAFKA_CLIENT_ID };
  const ca = file('KAFKA_SSL_CA_FILE');
  const cert = file('KAFKA_SSL_CERT_FILE');
  const key = file('KAFKA_SSL_KEY_FILE');
  const passphrase = secret('KAFKA_SSL_KEY_PASSWORD');
  if (Boolean(env.KAFKA_SSL_CERT_FILE) !== Boolean(env.KAFKA_SSL_KEY_FILE)) {
    problems.push(
      'KAFKA_SSL_CERT_FILE: a client certificate needs KAFKA_SSL_KEY_FILE too, and the other way round',
    );
  }
  const certificates = [
    env.KAFKA_SSL_CA_FILE,
    env.KAFKA_SSL_CERT_FILE,
    env.KAFKA_SSL_KEY_FILE,
  ].some(Boolean);
  if (env.KAFKA_SSL === false && certificates)
    problems.push('KAFKA_SSL: is false, but TLS files are configured');
  if (env.KAFKA_SSL ?? certificates) {
    connection.ssl = {
      rejectUnauthorized: env.KAFKA_SSL_REJECT_UNAUTHORIZED,
      ...(ca ? { ca } : {}),
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
      ...(passphrase ? { passphrase } : {}),
      ...(env.KAFKA_SSL_SERVERNAME ? { servername: env.KAFKA_SSL_SERVERNAME } : {}),
    };
  }

  const username = secret('KAFKA_SASL_USERNAME');
  const password = secret('KAFKA_SASL_PASSWORD');
  if (env.KAFKA_SASL_MECHANISM) {
    if (!username)
      problems.push(
        'KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM (or KAFKA_SASL_USERNAME_FILE)',
      );
    if (!password)
      problems.push(
        'KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM (or KAFKA_SASL_PASSWORD_FILE)',
      );
    if (username && password)
      connection.sasl = {
        mechanism: env.KAFKA_SASL_MECHANISM,
        username,
        password,
      } as KafkaConnection['sasl'];
  } else if (username || password) {
    problems.push(
      'KAFKA_SASL_MECHANISM: credentials are set but no mechanism (plain, scram-sha-256 or scram-sha-512)',
    );
  }

  if (problems.length > 0)
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return connection;
}
