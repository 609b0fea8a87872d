import { createHash } from 'node:crypto';

const maxIdLength = 128;

/**
 * A deterministic id made from the ids it derives from, so a redelivered input yields the same
 * output id and consumers can drop the duplicate. Long inputs are hashed to stay within limits.
 */
export function deriveId(prefix: string, ...parts: string[]): string {
  const plain = [prefix, ...parts].join(':');
  if (plain.length <= maxIdLength) return plain;
  return `${prefix}:${createHash('sha256').update(parts.join('\u0000')).digest('hex')}`;
}
