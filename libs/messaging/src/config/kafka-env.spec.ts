import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '@handoff/service-kit';
import { z } from 'zod';
import {
  kafkaConnectionFrom,
  kafkaEnv,
  messagingOptionsFrom,
  type KafkaEnv,
  type ReadSecretFile,
} from './kafka-env.js';

const schema = z.object({ ...kafkaEnv('demo') });
const load = (env: NodeJS.ProcessEnv): KafkaEnv => loadConfig(schema, env);

const ca = '-----BEGIN CERTIFICATE-----\nMIIBcaCA\n-----END CERTIFICATE-----\n';
const cert = '-----BEGIN CERTIFICATE-----\nMIIBclient\n-----END CERTIFICATE-----\n';
const key = '-----BEGIN PRIVATE KEY-----\nMIIEvkeySECRET\n-----END PRIVATE KEY-----\n';
const password = 'pa55-w0rd-never-logged';

/** A mounted-secrets directory: known paths give their contents, any other path fails like fs does. */
function secretFiles(files: Record<string, string>): ReadSecretFile & { reads: string[] } {
  const reads: string[] = [];
  const read = (path: string) => {
    reads.push(path);
    const contents = files[path];
    if (contents === undefined) {
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), {
        code: 'ENOENT',
      });
    }
    return contents;
  };
  return Object.assign(read, { reads });
}

const noFiles = secretFiles({});

function connection(env: NodeJS.ProcessEnv, readFile: ReadSecretFile = noFiles) {
  return kafkaConnectionFrom(load(env), readFile);
}

/** Asserts a ConfigError naming the variable, and returns its message for further checks. */
function configError(run: () => unknown, variable: string): string {
  let message = '';
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.match(error.message, /^Invalid configuration:/);
    assert.match(
      error.message,
      new RegExp(`\\b${variable}(\\.\\d+)?: `),
      `message names ${variable}: ${error.message}`,
    );
    message = error.message;
    return true;
  });
  return message;
}

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

describe('kafkaConnectionFrom', () => {
  it('connects in plaintext without credentials by default', () => {
    assert.deepEqual(connection({}), { brokers: ['127.0.0.1:9092'], clientId: 'handoff-demo' });
  });

  it('uses TLS with the CA, client certificate and key read from their files', () => {
    const files = secretFiles({
      '/tls/ca.pem': ca,
      '/tls/client.pem': cert,
      '/tls/client.key': key,
    });

    const result = connection(
      {
        KAFKA_SSL_CA_FILE: '/tls/ca.pem',
        KAFKA_SSL_CERT_FILE: '/tls/client.pem',
        KAFKA_SSL_KEY_FILE: '/tls/client.key',
      },
      files,
    );

    assert.deepEqual(result.ssl, { rejectUnauthorized: true, ca, cert, key });
    assert.equal(result.sasl, undefined);
  });

  it('uses TLS with the system CAs when KAFKA_SSL=true alone', () => {
    assert.deepEqual(connection({ KAFKA_SSL: 'true' }).ssl, { rejectUnauthorized: true });
  });

  it('passes the key passphrase, server name and certificate check setting', () => {
    const files = secretFiles({
      '/tls/client.pem': cert,
      '/tls/client.key': key,
      '/tls/key-password': 'phrase\n',
    });

    const result = connection(
      {
        KAFKA_SSL_CERT_FILE: '/tls/client.pem',
        KAFKA_SSL_KEY_FILE: '/tls/client.key',
        KAFKA_SSL_KEY_PASSWORD_FILE: '/tls/key-password',
        KAFKA_SSL_SERVERNAME: 'kafka.internal',
        KAFKA_SSL_REJECT_UNAUTHORIZED: 'false',
      },
      files,
    );

    assert.deepEqual(result.ssl, {
      rejectUnauthorized: false,
      cert,
      key,
      passphrase: 'phrase',
      servername: 'kafka.internal',
    });
  });

  it('refuses TLS files with KAFKA_SSL=false, naming KAFKA_SSL', () => {
    const files = secretFiles({ '/tls/ca.pem': ca });
    configError(
      () => connection({ KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: '/tls/ca.pem' }, files),
      'KAFKA_SSL',
    );
  });

  it('refuses a client certificate without its key, and a key without its certificate, naming KAFKA_SSL_CERT_FILE', () => {
    const files = secretFiles({ '/tls/client.pem': cert, '/tls/client.key': key });
    configError(
      () => connection({ KAFKA_SSL_CERT_FILE: '/tls/client.pem' }, files),
      'KAFKA_SSL_CERT_FILE',
    );
    configError(
      () => connection({ KAFKA_SSL_KEY_FILE: '/tls/client.key' }, files),
      'KAFKA_SSL_CERT_FILE',
    );
  });

  it('names the variable of a file it cannot read, with the path and the reason, never contents', () => {
    const denied: ReadSecretFile = (path) => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}' (${key})`), {
        code: 'EACCES',
      });
    };

    const message = configError(
      () =>
        connection(
          { KAFKA_SSL_KEY_FILE: '/tls/client.key', KAFKA_SSL_CERT_FILE: '/tls/client.pem' },
          denied,
        ),
      'KAFKA_SSL_KEY_FILE',
    );

    assert.match(message, /KAFKA_SSL_KEY_FILE: cannot read \/tls\/client\.key \(EACCES\)/);
    assert.match(message, /KAFKA_SSL_CERT_FILE: cannot read \/tls\/client\.pem \(EACCES\)/);
    assert.equal(message.includes('SECRET'), false, message);
  });

  it('names the variable of a missing secret file', () => {
    const message = configError(
      () =>
        connection({
          KAFKA_SASL_MECHANISM: 'plain',
          KAFKA_SASL_USERNAME: 'svc',
          KAFKA_SASL_PASSWORD_FILE: '/run/secrets/missing',
        }),
      'KAFKA_SASL_PASSWORD_FILE',
    );
    assert.match(message, /cannot read \/run\/secrets\/missing \(ENOENT\)/);
  });

  it('authenticates with SASL SCRAM-SHA-512 using credentials from the environment', () => {
    const result = connection({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'routing',
      KAFKA_SASL_PASSWORD: password,
    });
    assert.deepEqual(result.sasl, { mechanism: 'scram-sha-512', username: 'routing', password });
    assert.equal(result.ssl, undefined);
  });

  it('authenticates with credentials read from files, trimming the trailing newline a secret file has', () => {
    const files = secretFiles({
      '/run/secrets/user': 'routing\n',
      '/run/secrets/password': `  ${password}\n`,
    });

    const result = connection(
      {
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME_FILE: '/run/secrets/user',
        KAFKA_SASL_PASSWORD_FILE: '/run/secrets/password',
      },
      files,
    );

    assert.deepEqual(result.sasl, { mechanism: 'scram-sha-512', username: 'routing', password });
    assert.deepEqual(result.ssl, { rejectUnauthorized: true });
  });

  for (const variable of [
    'KAFKA_SASL_USERNAME',
    'KAFKA_SASL_PASSWORD',
    'KAFKA_SSL_KEY_PASSWORD',
  ] as const) {
    it(`refuses both ${variable} and ${variable}_FILE, naming ${variable}`, () => {
      const files = secretFiles({
        '/run/secrets/value': 'from-file',
        '/tls/client.pem': cert,
        '/tls/client.key': key,
      });
      const env = {
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'svc',
        KAFKA_SASL_PASSWORD: password,
        KAFKA_SSL_CERT_FILE: '/tls/client.pem',
        KAFKA_SSL_KEY_FILE: '/tls/client.key',
        [variable]: password,
        [`${variable}_FILE`]: '/run/secrets/value',
      };

      const message = configError(() => connection(env, files), variable);

      assert.match(
        message,
        new RegExp(`${variable}: set either ${variable} or ${variable}_FILE, not both`),
      );
      assert.equal(message.includes(password), false, 'the message shows no secret');
    });
  }

  it('refuses a mechanism without a password, naming KAFKA_SASL_PASSWORD', () => {
    const message = configError(
      () => connection({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'routing' }),
      'KAFKA_SASL_PASSWORD',
    );
    assert.doesNotMatch(message, /KAFKA_SASL_USERNAME: /);
  });

  it('refuses a mechanism without a username, naming KAFKA_SASL_USERNAME, without showing the password', () => {
    const message = configError(
      () => connection({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: password }),
      'KAFKA_SASL_USERNAME',
    );
    assert.equal(message.includes(password), false, message);
  });

  it('refuses a password file that holds only whitespace, naming KAFKA_SASL_PASSWORD', () => {
    const files = secretFiles({ '/run/secrets/password': ' \n' });
    configError(
      () =>
        connection(
          {
            KAFKA_SASL_MECHANISM: 'plain',
            KAFKA_SASL_USERNAME: 'svc',
            KAFKA_SASL_PASSWORD_FILE: '/run/secrets/password',
          },
          files,
        ),
      'KAFKA_SASL_PASSWORD',
    );
  });

  it('refuses credentials without a mechanism, naming KAFKA_SASL_MECHANISM, without showing the password', () => {
    const message = configError(
      () => connection({ KAFKA_SASL_USERNAME: 'routing', KAFKA_SASL_PASSWORD: password }),
      'KAFKA_SASL_MECHANISM',
    );
    assert.equal(message.includes(password), false, message);

    const files = secretFiles({ '/run/secrets/password': password });
    const fromFile = configError(
      () => connection({ KAFKA_SASL_PASSWORD_FILE: '/run/secrets/password' }, files),
      'KAFKA_SASL_MECHANISM',
    );
    assert.equal(fromFile.includes(password), false, fromFile);
  });

  it('lists every problem in one error', () => {
    const message = configError(
      () =>
        connection(
          {
            KAFKA_SSL: 'false',
            KAFKA_SSL_CERT_FILE: '/tls/client.pem',
            KAFKA_SASL_PASSWORD: password,
          },
          secretFiles({ '/tls/client.pem': cert }),
        ),
      'KAFKA_SSL',
    );
    assert.match(message, /KAFKA_SSL_CERT_FILE: /);
    assert.match(message, /KAFKA_SASL_MECHANISM: /);
    assert.equal(message.includes(password), false);
    assert.equal(message.includes('MIIBclient'), false, 'no certificate contents either');
  });
});
