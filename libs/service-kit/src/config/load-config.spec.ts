import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ConfigError, baseEnv, loadConfig, mongoEnv, runtimeFrom } from './load-config.js';

const schema = z.object({ ...baseEnv('demo', 3999), ...mongoEnv('demo') });
const load = (env: NodeJS.ProcessEnv) => loadConfig(schema, env);

function assertRejects(env: NodeJS.ProcessEnv, variable: string, detail?: RegExp): void {
  assert.throws(
    () => load(env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, 'expected a ConfigError');
      assert.match(
        error.message,
        new RegExp(`\\b${variable}(\\.\\d+)?: `),
        `message names ${variable}: ${error.message}`,
      );
      if (detail) assert.match(error.message, detail);
      return true;
    },
  );
}

describe('loadConfig', () => {
  it('fills every setting with its default when the environment is empty', () => {
    assert.deepEqual(load({}), {
      SERVICE_NAME: 'handoff-demo',
      LOG_LEVEL: 'info',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: 3999,
      MONGO_URL: 'mongodb://127.0.0.1:27017',
      MONGO_DB: 'handoff_demo',
    });
  });

  it('turns numeric strings into numbers', () => {
    assert.equal(load({ HTTP_PORT: '8080' }).HTTP_PORT, 8080);
  });

  const invalid: [string, string][] = [
    ['HTTP_PORT', 'eighty'],
    ['HTTP_PORT', '0'],
    ['HTTP_PORT', '65536'],
    ['HTTP_PORT', ''],
    ['LOG_LEVEL', 'loud'],
    ['HTTP_HOST', ''],
    ['MONGO_URL', 'postgres://db:5432'],
    ['MONGO_DB', 'has space'],
  ];
  for (const [variable, value] of invalid) {
    it(`rejects ${variable}=${JSON.stringify(value)} with a ConfigError naming it`, () => {
      assertRejects({ [variable]: value }, variable);
    });
  }

  it('lists every bad variable in one error', () => {
    assert.throws(
      () => load({ HTTP_PORT: 'x', LOG_LEVEL: 'loud' }),
      (error: Error) => {
        assert.match(error.message, /HTTP_PORT: /);
        assert.match(error.message, /LOG_LEVEL: /);
        return true;
      },
    );
  });

  it('raises an Error whose name is ConfigError', () => {
    assert.throws(() => load({ HTTP_PORT: 'x' }), {
      name: 'ConfigError',
      message: /^Invalid configuration:/,
    });
  });
});

describe('runtimeFrom', () => {
  it('picks the process-level settings', () => {
    assert.deepEqual(
      runtimeFrom(
        load({ SERVICE_NAME: 'svc', LOG_LEVEL: 'debug', HTTP_HOST: '0.0.0.0', HTTP_PORT: '8080' }),
      ),
      {
        serviceName: 'svc',
        logLevel: 'debug',
        httpHost: '0.0.0.0',
        httpPort: 8080,
      },
    );
  });
});
