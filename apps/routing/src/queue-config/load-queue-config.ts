import { parseJsonConfig, readJsonConfigFile } from '@handoff/service-kit';
import { defaultRoutingConfig } from './queue-catalog.js';
import { routingConfigFileSchema, type RoutingConfigFile } from './queue-config.schema.js';

/** Reads and validates the tenants' queue file (JSON); without one, every tenant has one default queue. */
export function loadQueueConfig(path: string | undefined): RoutingConfigFile {
  if (!path) return defaultRoutingConfig;
  return readJsonConfigFile(routingConfigFileSchema, path, 'queue file');
}

export function parseQueueConfig(text: string, origin = 'queue file'): RoutingConfigFile {
  return parseJsonConfig(routingConfigFileSchema, text, origin);
}
