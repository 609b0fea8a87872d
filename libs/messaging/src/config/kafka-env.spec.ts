import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messagingOptionsFrom } from './kafka-env.js';
import { ca, configError, load, noFiles, secretFiles } from './kafka-env.fixtures.js';

describe('kafkaEnv', () => {
  it('fills every setting with its default when the environment is empty', () => {
    assert.deepEqual(load({}), {
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_CLIENT_ID: 'handoff-demo',
      KAFKA_GROUP_ID: 'handoff-demo',
      KAFKA_TOPIC_PARTITIONS: 6,
      KAFKA_REPLICATION_FACTOR: 1,
      KAFKA_MAX_ATTEMPTS: 3,
      KAFKA_RETRY_BACKOFF_MS: 200,
      KAFKA_RETRY_MAX_BACKOFF_MS: 30_000,
      KAFKA_SESSION_TIMEOUT_MS: 30_000,
      KAFKA_PARTITIONS_CONCURRENCY: 4,
      KAFKA_MAX_BATCH_SIZE: 500,
      KAFKA_STALL_TIMEOUT_MS: 300_000,
      KAFKA_SSL_REJECT_UNAUTHORIZED: true,
    });
  });

  it('turns numeric strings into numbers and flags into booleans', () => {
    const env = load({
      KAFKA_MAX_ATTEMPTS: '5',
      KAFKA_RETRY_BACKOFF_MS: '0',
      KAFKA_STALL_TIMEOUT_MS: '1000',
      KAFKA_SSL: 'false',
      KAFKA_SSL_REJECT_UNAUTHORIZED: 'false',
    });
    assert.equal(env.KAFKA_MAX_ATTEMPTS, 5);
    assert.equal(env.KAFKA_RETRY_BACKOFF_MS, 0);
    assert.equal(env.KAFKA_STALL_TIMEOUT_MS, 1000);
    assert.equal(env.KAFKA_SSL, false);
    assert.equal(env.KAFKA_SSL_REJECT_UNAUTHORIZED, false);
  });

  it('splits KAFKA_BROKERS on commas and trims each broker', () => {
    assert.deepEqual(
      load({ KAFKA_BROKERS: 'kafka-0:9092, kafka-1.internal:9093 ,10.0.0.7:9094' }).KAFKA_BROKERS,
      ['kafka-0:9092', 'kafka-1.internal:9093', '10.0.0.7:9094'],
    );
  });

  it('rejects a broker that is not host:port, naming KAFKA_BROKERS', () => {
    assert.match(
      configError(() => load({ KAFKA_BROKERS: 'kafka-0' }), 'KAFKA_BROKERS'),
      /expected host:port/,
    );
    assert.match(
      configError(() => load({ KAFKA_BROKERS: 'kafka-0:9092,,kafka-1:9092' }), 'KAFKA_BROKERS'),
      /expected host:port/,
    );
    assert.match(
      configError(() => load({ KAFKA_BROKERS: 'kafka-0:99999' }), 'KAFKA_BROKERS'),
      /65535/,
    );
    configError(() => load({ KAFKA_BROKERS: '' }), 'KAFKA_BROKERS');
    configError(() => load({ KAFKA_BROKERS: 'kafka://kafka-0:9092' }), 'KAFKA_BROKERS');
  });

  const invalid: [string, string][] = [
    ['KAFKA_CLIENT_ID', ''],
    ['KAFKA_GROUP_ID', ''],
    ['KAFKA_TOPIC_PARTITIONS', '1.5'],
    ['KAFKA_TOPIC_PARTITIONS', '0'],
    ['KAFKA_REPLICATION_FACTOR', '0'],
    ['KAFKA_MAX_ATTEMPTS', '0'],
    ['KAFKA_MAX_ATTEMPTS', '21'],
    ['KAFKA_RETRY_BACKOFF_MS', '-1'],
    ['KAFKA_RETRY_MAX_BACKOFF_MS', '0'],
    ['KAFKA_PARTITIONS_CONCURRENCY', 'four'],
    ['KAFKA_MAX_BATCH_SIZE', '0'],
    ['KAFKA_STALL_TIMEOUT_MS', '999'],
    ['KAFKA_SSL', 'yes'],
    ['KAFKA_SSL_REJECT_UNAUTHORIZED', '0'],
    ['KAFKA_SASL_MECHANISM', 'gssapi'],
  ];
  for (const [variable, value] of invalid) {
    it(`rejects ${variable}=${JSON.stringify(value)} with a ConfigError naming it`, () => {
      configError(() => load({ [variable]: value }), variable);
    });
  }
});

describe('messagingOptionsFrom', () => {
  it('takes the settings from the environment and what only the service knows from the service', () => {
    const env = load({
      KAFKA_BROKERS: 'kafka-0:9092,kafka-1:9092',
      KAFKA_CLIENT_ID: 'routing-7',
      KAFKA_GROUP_ID: 'routing',
      KAFKA_TOPIC_PARTITIONS: '6',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MAX_ATTEMPTS: '4',
      KAFKA_RETRY_BACKOFF_MS: '50',
      KAFKA_RETRY_MAX_BACKOFF_MS: '2000',
      KAFKA_PARTITIONS_CONCURRENCY: '2',
      KAFKA_MAX_BATCH_SIZE: '100',
      KAFKA_STALL_TIMEOUT_MS: '90000',
      KAFKA_SESSION_TIMEOUT_MS: '10000',
    });

    assert.deepEqual(
      messagingOptionsFrom(env, { source: '/handoff/routing', topics: ['a', 'b'] }, noFiles),
      {
        connection: { brokers: ['kafka-0:9092', 'kafka-1:9092'], clientId: 'routing-7' },
        groupId: 'routing',
        source: '/handoff/routing',
        topics: ['a', 'b'],
        topicPartitions: 6,
        replicationFactor: 3,
        maxAttempts: 4,
        retryBackoffMs: 50,
        retryMaxBackoffMs: 2000,
        partitionsConsumedConcurrently: 2,
        maxBatchSize: 100,
        stallTimeoutMs: 90_000,
        sessionTimeoutMs: 10_000,
      },
    );
  });

  it('reads secret files through the reader it is given', () => {
    const files = secretFiles({ '/run/secrets/ca.pem': ca });
    const options = messagingOptionsFrom(
      load({ KAFKA_SSL_CA_FILE: '/run/secrets/ca.pem' }),
      { source: '/s', topics: [] },
      files,
    );
    assert.equal(options.connection.ssl?.ca, ca);
    assert.deepEqual(files.reads, ['/run/secrets/ca.pem']);
  });
});
