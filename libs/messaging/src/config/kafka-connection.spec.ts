import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReadSecretFile } from './kafka-env.js';
import {
  ca,
  cert,
  configError,
  connection,
  key,
  password,
  secretFiles,
} from './kafka-env.fixtures.js';

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
