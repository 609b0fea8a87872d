import { randomBytes } from 'node:crypto';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { byPartitionAndOffset, type RawRecord } from '../dead-letters/raw-record.js';

export interface ReadToEndOptions {
  /** The throwaway group is named `<prefix>-reader-<random>`, so ACLs on a group prefix apply. */
  groupPrefix: string;
  /** Give up when nothing arrives for this long while partitions are still unread. */
  idleTimeoutMs?: number;
  /** Told when the throwaway group could not be deleted afterwards. */
  warn?: (message: string) => void;
}

/**
 * Reads every record of the topics, from the earliest offset up to the end each partition had
 * when the read began; records written meanwhile are left for the next run. kafkajs reads only
 * through a consumer group, so a throwaway group with a random name is used: it never commits an
 * offset, is used by this read alone and is deleted afterwards. Nobody else's position moves.
 */
export async function readTopicsToEnd(
  kafka: Kafka,
  admin: Admin,
  topics: readonly string[],
  options: ReadToEndOptions,
): Promise<Map<string, RawRecord[]>> {
  const records = new Map<string, Map<string, RawRecord>>(
    topics.map((topic) => [topic, new Map()]),
  );
  const ends = new Map<string, bigint>();
  const unread = new Set<string>();
  for (const topic of topics) {
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(high) <= BigInt(low)) continue;
      ends.set(partitionKey(topic, partition), BigInt(high));
      unread.add(topic);
    }
  }
  if (unread.size > 0) await consumeUntil(kafka, admin, [...unread], ends, records, options);
  return new Map(
    [...records].map(([topic, byOffset]) => [
      topic,
      [...byOffset.values()].sort(byPartitionAndOffset),
    ]),
  );
}

const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

async function consumeUntil(
  kafka: Kafka,
  admin: Admin,
  unread: readonly string[],
  ends: Map<string, bigint>,
  records: Map<string, Map<string, RawRecord>>,
  { groupPrefix, idleTimeoutMs = 60_000, warn = () => undefined }: ReadToEndOptions,
): Promise<void> {
  const groupId = `${groupPrefix}-reader-${randomBytes(6).toString('hex')}`;
  const pending = new Set(ends.keys());
  const consumer: Consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 250,
    retry: { retries: 4 },
  });
  // Settled once every partition is read, or when reading fails; the idle timer is not re-armed after.
  let settled = false;
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = () => {
      settled = true;
      resolve();
    };
    fail = (error) => {
      settled = true;
      reject(error);
    };
  });
  finished.catch(() => undefined); // awaited below; a failure before that is not unhandled
  let idle: NodeJS.Timeout | undefined;
  const stillAlive = () => {
    clearTimeout(idle);
    if (settled) return;
    idle = setTimeout(
      () =>
        fail(
          new Error(
            `reading ${unread.join(', ')} stalled: nothing arrived for ${idleTimeoutMs / 1000} s`,
          ),
        ),
      idleTimeoutMs,
    );
  };

  /** The consumer has read a partition up to `lastOffset`: done once that reaches its end. */
  const progress = (topic: string, partition: number, lastOffset: string | null) => {
    stillAlive();
    const key = partitionKey(topic, partition);
    const end = ends.get(key);
    if (
      end === undefined ||
      lastOffset === null ||
      !pending.has(key) ||
      BigInt(lastOffset) < end - 1n
    )
      return;
    pending.delete(key);
    consumer.pause([{ topic, partitions: [partition] }]);
    if (pending.size === 0) {
      clearTimeout(idle);
      finish();
    }
  };

  // Batches of control records only never reach eachBatch; their end is reported here.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) =>
    progress(payload.topic, payload.partition, payload.lastOffset),
  );
  consumer.on(consumer.events.GROUP_JOIN, () => stillAlive());
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));

  try {
    stillAlive();
    await consumer.connect();
    await consumer.subscribe({ topics: [...unread], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        const end = ends.get(partitionKey(batch.topic, batch.partition));
        const byOffset = records.get(batch.topic)!;
        for (const message of batch.messages) {
          if (end === undefined || BigInt(message.offset) >= end) continue;
          byOffset.set(`${batch.partition}:${message.offset}`, {
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            timestamp: message.timestamp,
            key: message.key,
            value: message.value,
            headers: message.headers ?? {},
          });
        }
        progress(batch.topic, batch.partition, batch.lastOffset());
      },
    });
    await finished;
  } finally {
    clearTimeout(idle);
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch((error: unknown) => {
      if (!groupAlreadyGone(error))
        warn(
          `could not delete the reader's consumer group ${groupId}: ${(error as Error).message}`,
        );
    });
  }
}

function groupAlreadyGone(error: unknown): boolean {
  const groups = (error as { groups?: { error?: { type?: string } }[] }).groups ?? [];
  return groups.length > 0 && groups.every((group) => group.error?.type === 'GROUP_ID_NOT_FOUND');
}
