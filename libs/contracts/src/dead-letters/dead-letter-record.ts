/**
 * A dead letter on `handoff.dlq.v1` is the original record, byte for byte (key, value and headers),
 * plus these headers saying where it came from and why it could not be accepted.
 */
export const DeadLetterHeaders = {
  topic: 'handoff-dlq-original-topic',
  partition: 'handoff-dlq-original-partition',
  offset: 'handoff-dlq-original-offset',
  reason: 'handoff-dlq-reason',
  stage: 'handoff-dlq-stage',
  attempts: 'handoff-dlq-attempts',
  consumerGroup: 'handoff-dlq-consumer-group',
  failedAt: 'handoff-dlq-failed-at',
  /** Present when the original value was too large to keep: its size, and that it stays at its origin. */
  valueOmitted: 'handoff-dlq-value-omitted',
} as const;

/** Header a replayed record carries: the dead letter it came from (`<partition>:<offset>` of the DLQ). */
export const replayedFromHeader = 'handoff-replayed-from';

export const deadLetterStages = ['validation', 'processing'] as const;
export type DeadLetterStage = (typeof deadLetterStages)[number];

/** Longest reason kept in a dead letter's header. */
export const maxDeadLetterReasonLength = 1000;

/** How a dead letter is named everywhere (CLI, replay records): its partition and offset on the DLQ topic. */
export function deadLetterId(partition: number, offset: string): string {
  return `${partition}:${offset}`;
}

/**
 * What `npm run dlq -- replay` records on `handoff.dlq.replays.v1` for each dead letter it sends
 * back, keyed by the dead letter's id, so a second replay can tell what was already replayed.
 */
export interface DeadLetterReplayRecord {
  deadLetterId: string;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  /** Where the replayed copy landed. */
  replayedTo: { topic: string; partition: number; offset: string };
  replayedAt: string;
  replayedBy: string;
  reason: string;
}

export const deadLetterReplayRecordSchema = {
  $id: 'https://schemas.handoff.dev/operations/dead-letter-replay.json',
  title: 'DeadLetterReplay',
  description:
    'A dead letter was sent back to its original topic with its original key, value and headers.',
  type: 'object',
  required: [
    'deadLetterId',
    'originalTopic',
    'originalPartition',
    'originalOffset',
    'replayedTo',
    'replayedAt',
    'replayedBy',
  ],
  properties: {
    deadLetterId: {
      type: 'string',
      description: '<partition>:<offset> of the dead letter on handoff.dlq.v1',
    },
    originalTopic: { type: 'string' },
    originalPartition: { type: 'integer' },
    originalOffset: { type: 'string' },
    replayedTo: {
      type: 'object',
      required: ['topic', 'partition', 'offset'],
      properties: {
        topic: { type: 'string' },
        partition: { type: 'integer' },
        offset: { type: 'string' },
      },
    },
    replayedAt: { type: 'string', format: 'date-time' },
    replayedBy: { type: 'string', description: 'Who ran the replay (user and host)' },
    reason: { type: 'string', description: 'The reason the record had been dead-lettered' },
  },
} as const;
