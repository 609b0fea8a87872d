import type { IHeaders, KafkaMessage } from 'kafkajs';

/** A record exactly as the broker delivered it: key, value and headers are the original bytes. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

export function consumedRecord(
  topic: string,
  partition: number,
  message: KafkaMessage,
): ConsumedRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: message.headers ?? {},
  };
}

/** The offset after this one, which is what a consumer commits once a record is done. */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}
