import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError } from './load-config.js';

/**
 * Parses a JSON settings document against its schema; every problem is listed with its path, so
 * one start-up names all of them.
 */
export function parseJsonConfig<S extends z.ZodType>(
  schema: S,
  text: string,
  what: string,
): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The ${what} is not JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid ${what}:\n  ${problems.join('\n  ')}`);
}

/** Reads and validates a JSON settings file named by the environment. */
export function readJsonConfigFile<S extends z.ZodType>(
  schema: S,
  path: string,
  what: string,
): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
  return parseJsonConfig(schema, text, `${what} ${path}`);
}
