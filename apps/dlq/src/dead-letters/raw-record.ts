import type { IHeaders } from 'kafkajs';

/** A record as the broker delivered it: key, value and headers are the bytes on the topic. */
export interface RawRecord {
  topic: string;
  partition: number;
  offset: string;
  /** The record's Kafka timestamp, in milliseconds since the epoch, as kafkajs gives it. */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/** Orders records by partition, then offset (offsets are 64-bit, so compared as bigints). */
export function byPartitionAndOffset(
  a: { partition: number; offset: string },
  b: { partition: number; offset: string },
): number {
  if (a.partition !== b.partition) return a.partition - b.partition;
  const difference = BigInt(a.offset) - BigInt(b.offset);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}
