import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DeadLetterHeaders,
  maxDeadLetterReasonLength,
  Topics,
  type DeadLetterStage,
} from '@handoff/contracts';
import { meter } from '@handoff/service-kit';
import type { IHeaders, Message } from 'kafkajs';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { EventPublisher } from '../publishing/event-publisher.js';
import type { ConsumedRecord } from './consumed-record.js';

export interface DeadLetter {
  record: ConsumedRecord;
  stage: DeadLetterStage;
  reason: string;
  attempts: number;
}

const deadLettered = meter().createCounter('handoff_events_dead_lettered_total', {
  description: 'Records sent to the dead-letter topic, by original topic and stage',
});

/**
 * Writes dead letters: the original key, value and headers, untouched, plus headers that say where
 * the record came from and why. Throws when the write fails, so the consumer retries instead of
 * losing the record.
 */
@Injectable()
export class DeadLetterWriter {
  private readonly logger = new Logger(DeadLetterWriter.name);

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async write(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    try {
      await this.publisher.send(
        Topics.DeadLetter,
        letters.map((letter) => this.toMessage(letter)),
      );
    } catch (error) {
      if (!isTooLarge(error)) throw error;
      // The topic is created to take any record an event topic takes; one made elsewhere may not be.
      for (const letter of letters) await this.writeOne(letter);
    }
    for (const letter of letters) {
      deadLettered.add(1, { topic: letter.record.topic, stage: letter.stage });
      this.logger.warn({
        message: 'dead-lettered',
        stage: letter.stage,
        reason: letter.reason,
        topic: letter.record.topic,
        partition: letter.record.partition,
        offset: letter.record.offset,
      });
    }
  }

  private async writeOne(letter: DeadLetter): Promise<void> {
    const message = this.toMessage(letter);
    try {
      await this.publisher.send(Topics.DeadLetter, [message]);
    } catch (error) {
      if (!isTooLarge(error)) throw error;
      const size = letter.record.value?.length ?? 0;
      const omitted = `${size} bytes, too large for ${Topics.DeadLetter}; the original stays at its topic, partition and offset`;
      await this.publisher.send(Topics.DeadLetter, [
        {
          ...message,
          value: null,
          headers: { ...message.headers, [DeadLetterHeaders.valueOmitted]: omitted },
        },
      ]);
    }
  }

  toMessage({ record, stage, reason, attempts }: DeadLetter): Message {
    const headers: IHeaders = {
      ...withoutDeadLetterHeaders(record.headers),
      [DeadLetterHeaders.topic]: record.topic,
      [DeadLetterHeaders.partition]: String(record.partition),
      [DeadLetterHeaders.offset]: record.offset,
      [DeadLetterHeaders.reason]: reason.slice(0, maxDeadLetterReasonLength),
      [DeadLetterHeaders.stage]: stage,
      [DeadLetterHeaders.attempts]: String(attempts),
      [DeadLetterHeaders.consumerGroup]: this.options.groupId,
      [DeadLetterHeaders.failedAt]: new Date().toISOString(),
    };
    return { key: record.key, value: record.value, headers };
  }
}

/** A record dead-lettered before (and replayed) carries the old reasons; only the new ones stay. */
function withoutDeadLetterHeaders(headers: IHeaders): IHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !name.startsWith('handoff-dlq-')),
  );
}

/** The broker refused the record for its size (kafkajs may wrap the protocol error it got). */
function isTooLarge(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { type, cause, originalError } = error as {
    type?: unknown;
    cause?: unknown;
    originalError?: unknown;
  };
  if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE') return true;
  return isTooLarge(cause, depth + 1) || isTooLarge(originalError, depth + 1);
}
