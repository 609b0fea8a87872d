import { readFileSync } from 'node:fs';
import { ConfigError } from '@handoff/service-kit';
import { defaultRoutingConfig } from './queue-catalog.js';
import { routingConfigFileSchema, type RoutingConfigFile } from './queue-config.schema.js';

/** Reads and validates the tenants' queue file (JSON); without one, every tenant has one default queue. */
export function loadQueueConfig(path: string | undefined): RoutingConfigFile {
  if (!path) return defaultRoutingConfig;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the queue file ${path}: ${(error as Error).message}`);
  }
  return parseQueueConfig(text, path);
}

export function parseQueueConfig(text: string, origin = 'queue file'): RoutingConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The ${origin} is not JSON: ${(error as Error).message}`);
  }
  const result = routingConfigFileSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid queues in the ${origin}:\n  ${problems.join('\n  ')}`);
}
