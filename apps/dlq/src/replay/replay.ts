import { topicConfig, Topics } from '@handoff/contracts';
import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeadLetterView } from '../dead-letters/dead-letter-view.js';
import type { DeadLetterLog } from '../dead-letters/read-dead-letters.js';
import type { Output } from '../output/output.js';
import { describeReplayed, describeSkip, describeWouldReplay } from '../output/replay-report.js';
import { replayRecord } from './replay-history.js';
import { planReplay, replayMessage, type ReplayDecision } from './replay-plan.js';

const acksAll = -1;

export interface ReplayOptions {
  again: boolean;
  dryRun: boolean;
  /** `<user>@<host>` of whoever runs the replay. */
  replayedBy: string;
  now?: () => Date;
}

export interface ReplaySummary {
  dryRun: boolean;
  /** Sent back (or, in a dry run, that would be). */
  replayed: number;
  alreadyReplayed: number;
  valueOmitted: number;
  noOrigin: number;
  /** Whose original topic no longer exists. */
  failed: number;
}

/** The replay stopped part-way: what was done before, and what it stopped at. */
export class ReplayInterrupted extends Error {
  override readonly name = 'ReplayInterrupted';

  constructor(
    readonly summary: ReplaySummary,
    letter: DeadLetterView,
    cause: unknown,
  ) {
    super(
      `replay stopped at ${letter.id}: ${cause instanceof Error ? cause.message : String(cause)} (${summary.replayed} replayed before it)`,
      { cause },
    );
  }
}

/**
 * Sends each selected dead letter not replayed yet back to its original topic and partition,
 * with its original key, value and headers (minus the dead-letter headers, plus where it was
 * replayed from), then records the replay on the replays topic, keyed by the dead-letter id.
 * One at a time, in dead-letter order, so the letters of a key go back in the order they failed.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  admin: Admin,
  log: DeadLetterLog,
  selected: readonly DeadLetterView[],
  options: ReplayOptions,
  output: Output,
): Promise<ReplaySummary> {
  const decisions = planReplay(selected, log.history, { again: options.again });
  const summary: ReplaySummary = {
    dryRun: options.dryRun,
    replayed: 0,
    alreadyReplayed: 0,
    valueOmitted: 0,
    noOrigin: 0,
    failed: 0,
  };
  const toReplay: Extract<ReplayDecision, { action: 'replay' }>[] = [];
  for (const decision of decisions) {
    if (decision.action === 'replay') {
      toReplay.push(decision);
      continue;
    }
    if (decision.action === 'already-replayed') summary.alreadyReplayed++;
    else if (decision.action === 'value-omitted') summary.valueOmitted++;
    else summary.noOrigin++;
    output.line(describeSkip(decision, log.history));
  }
  if (options.dryRun) {
    for (const decision of toReplay) output.line(describeWouldReplay(decision));
    summary.replayed = toReplay.length;
    return summary;
  }
  if (toReplay.length === 0) return summary;

  const partitionsOf = await destinationPartitions(admin, [
    ...new Set(toReplay.map(({ origin }) => origin.topic)),
  ]);
  const sendable = toReplay.filter(({ letter, origin }) => {
    if (partitionsOf.has(origin.topic)) return true;
    summary.failed++;
    output.error(`cannot replay ${letter.id}: its original topic ${origin.topic} does not exist`);
    return false;
  });
  if (sendable.length === 0) return summary;
  await ensureReplaysTopic(admin, log, output);

  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // The partitioner the services use, for a letter whose original partition is gone.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    for (const { letter, origin } of sendable) {
      try {
        // Back to the partition it was read from, next to the other records of its key.
        const partition =
          origin.partition < partitionsOf.get(origin.topic)! ? origin.partition : undefined;
        const [sent] = await producer.send({
          topic: origin.topic,
          acks: acksAll,
          messages: [
            { ...replayMessage(letter), ...(partition === undefined ? {} : { partition }) },
          ],
        });
        const replayedTo = {
          topic: origin.topic,
          partition: sent!.partition,
          offset: sent!.baseOffset ?? '',
        };
        const record = replayRecord(
          letter,
          origin,
          replayedTo,
          options.replayedBy,
          (options.now ?? (() => new Date()))(),
        );
        await producer.send({
          topic: Topics.DeadLetterReplays,
          acks: acksAll,
          messages: [
            {
              key: letter.id,
              value: JSON.stringify(record),
              headers: { 'content-type': 'application/json' },
            },
          ],
        });
        summary.replayed++;
        output.line(describeReplayed(letter, record));
      } catch (error) {
        throw new ReplayInterrupted(summary, letter, error);
      }
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  return summary;
}

async function destinationPartitions(admin: Admin, topics: string[]): Promise<Map<string, number>> {
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((topic) => existing.has(topic));
  if (present.length === 0) return new Map();
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics: present });
  return new Map(metadata.map(({ name, partitions }) => [name, partitions.length]));
}

const leaderWaitMs = 30_000;

/**
 * The replays topic is the one thing the command creates, when it first has something to record:
 * the platform's settings for it, and as many partitions and replicas as the dead-letter topic.
 */
async function ensureReplaysTopic(admin: Admin, log: DeadLetterLog, output: Output): Promise<void> {
  if (log.replaysTopicExists || (await admin.listTopics()).includes(Topics.DeadLetterReplays))
    return;
  const shape = log.deadLetterTopic ?? { partitions: 1, replicationFactor: 1 };
  const created = await admin.createTopics({
    topics: [
      {
        topic: Topics.DeadLetterReplays,
        numPartitions: shape.partitions,
        replicationFactor: shape.replicationFactor,
        configEntries: Object.entries(topicConfig(Topics.DeadLetterReplays)).map(
          ([name, value]) => ({ name, value }),
        ),
      },
    ],
  });
  if (created)
    output.note(`created ${Topics.DeadLetterReplays} with ${shape.partitions} partitions`);
  const deadline = Date.now() + leaderWaitMs;
  for (;;) {
    const ready = await admin
      .fetchTopicMetadata({ topics: [Topics.DeadLetterReplays] })
      .then(({ topics }) =>
        topics.every(
          ({ partitions }) =>
            partitions.length > 0 && partitions.every(({ leader }) => leader >= 0),
        ),
      )
      .catch(() => false);
    if (ready) return;
    if (Date.now() >= deadline)
      throw new Error(
        `${Topics.DeadLetterReplays} has no leader ${leaderWaitMs / 1000} s after it was created`,
      );
    await sleep(200);
  }
}
