import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '@handoff/service-kit';
import { z } from 'zod';
import { kafkaConnectionFrom, kafkaEnv, type KafkaEnv, type ReadSecretFile } from './kafka-env.js';

const schema = z.object({ ...kafkaEnv('demo') });
export const load = (env: NodeJS.ProcessEnv): KafkaEnv => loadConfig(schema, env);

export const ca = '-----BEGIN CERTIFICATE-----\nMIIBcaCA\n-----END CERTIFICATE-----\n';
export const cert = '-----BEGIN CERTIFICATE-----\nMIIBclient\n-----END CERTIFICATE-----\n';
export const key = '-----BEGIN PRIVATE KEY-----\nMIIEvkeySECRET\n-----END PRIVATE KEY-----\n';
export const password = 'pa55-w0rd-never-logged';

/** A mounted-secrets directory: known paths give their contents, any other path fails like fs does. */
export function secretFiles(files: Record<string, string>): ReadSecretFile & { reads: string[] } {
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

export const noFiles = secretFiles({});

export function connection(env: NodeJS.ProcessEnv, readFile: ReadSecretFile = noFiles) {
  return kafkaConnectionFrom(load(env), readFile);
}

/** Asserts a ConfigError naming the variable, and returns its message for further checks. */
export function configError(run: () => unknown, variable: string): string {
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
