import { Inject, Injectable, Logger } from '@nestjs/common';
import { Topics } from '@handoff/contracts';
import type { IHeaders } from 'kafkajs';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { EventPublisher } from '../publishing/event-publisher.js';

/** Where a message came from, as the consumer saw it. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers: IHeaders;
}

/** Header names of a dead-letter record; the value and key are the original bytes. */
export const DeadLetterHeaders = {
  topic: 'handoff-dlq-original-topic',
  partition: 'handoff-dlq-original-partition',
  offset: 'handoff-dlq-original-offset',
  reason: 'handoff-dlq-reason',
  stage: 'handoff-dlq-stage',
  attempts: 'handoff-dlq-attempts',
  consumerGroup: 'handoff-dlq-consumer-group',
  failedAt: 'handoff-dlq-failed-at',
} as const;

export type DeadLetterStage = 'validation' | 'processing';

@Injectable()
export class DeadLetterPublisher {
  private readonly logger = new Logger(DeadLetterPublisher.name);

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Throws if the dead letter cannot be written, so the consumer retries instead of losing it. */
  async deadLetter(record: ConsumedRecord, stage: DeadLetterStage, reason: string, attempts: number): Promise<void> {
    const headers: IHeaders = {
      ...record.headers,
      [DeadLetterHeaders.topic]: record.topic,
      [DeadLetterHeaders.partition]: String(record.partition),
      [DeadLetterHeaders.offset]: record.offset,
      [DeadLetterHeaders.reason]: reason.slice(0, 1000),
      [DeadLetterHeaders.stage]: stage,
      [DeadLetterHeaders.attempts]: String(attempts),
      [DeadLetterHeaders.consumerGroup]: this.options.groupId,
      [DeadLetterHeaders.failedAt]: new Date().toISOString(),
    };
    await this.publisher.send(Topics.DeadLetter, [{ key: record.key, value: record.value, headers }]);
    this.logger.warn({
      message: 'dead-lettered',
      stage,
      reason,
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
    });
  }
}
