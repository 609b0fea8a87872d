import { readFileSync } from 'node:fs';
import { ConfigError } from '@handoff/service-kit';
import { knowledgeFileSchema, type KnowledgeFile } from './knowledge-file.schema.js';

/** Reads and checks the knowledge file at boot; without one, no tenant has articles or replies. */
export function loadKnowledgeFile(path: string | undefined): KnowledgeFile {
  if (!path) return { tenants: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `The knowledge file ${path} cannot be read as JSON: ${(error as Error).message}`,
    );
  }
  return checkKnowledge(parsed, path);
}

/** The file's content, or every problem in it, each with where it is. */
export function checkKnowledge(content: unknown, path: string): KnowledgeFile {
  const checked = knowledgeFileSchema.safeParse(content);
  if (checked.success) return checked.data;
  const problems = checked.error.issues.map(
    ({ path: at, message }) => `${at.join('.') || '(the whole file)'}: ${message}`,
  );
  throw new ConfigError(`The knowledge file ${path} is not valid:\n  ${problems.join('\n  ')}`);
}
