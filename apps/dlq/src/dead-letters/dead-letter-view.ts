import { DeadLetterHeaders, deadLetterId } from '@handoff/contracts';
import type { IHeaders } from 'kafkajs';
import type { RawRecord } from './raw-record.js';

/** What the command says about one dead letter, read from its headers and (when JSON) its value. */
export interface DeadLetterView {
  /** `<partition>:<offset>` on the dead-letter topic. */
  id: string;
  partition: number;
  offset: string;
  /** When the dead letter was written (its Kafka timestamp), if the broker gave one. */
  writtenAt: string | null;
  /** From the dead letter's header; its Kafka timestamp when the header is missing or not a time. */
  failedAt: string | null;
  originalTopic: string | null;
  originalPartition: number | null;
  originalOffset: string | null;
  stage: string | null;
  attempts: number | null;
  consumerGroup: string | null;
  reason: string | null;
  /** From the value when it is a JSON object with an `id` (a CloudEvent, or close to one). */
  eventId: string | null;
  eventType: string | null;
  /** Set when the value was too large to keep: what the writer said about it. */
  valueOmitted: string | null;
  record: RawRecord;
}

export function deadLetterView(record: RawRecord): DeadLetterView {
  const header = (name: string) => headerText(record.headers, name);
  const writtenAt = timestampToIso(record.timestamp);
  const valueOmitted = header(DeadLetterHeaders.valueOmitted);
  const event = valueOmitted === null ? eventIdentity(record.value) : { id: null, type: null };
  return {
    id: deadLetterId(record.partition, record.offset),
    partition: record.partition,
    offset: record.offset,
    writtenAt,
    failedAt: isoTime(header(DeadLetterHeaders.failedAt)) ?? writtenAt,
    originalTopic: header(DeadLetterHeaders.topic),
    originalPartition: wholeNumber(header(DeadLetterHeaders.partition)),
    originalOffset: offsetText(header(DeadLetterHeaders.offset)),
    stage: header(DeadLetterHeaders.stage),
    attempts: wholeNumber(header(DeadLetterHeaders.attempts)),
    consumerGroup: header(DeadLetterHeaders.consumerGroup),
    reason: header(DeadLetterHeaders.reason),
    eventId: event.id,
    eventType: event.type,
    valueOmitted,
    record,
  };
}

/** A header as text; a repeated header gives its last value (the one a writer set last). */
export function headerText(headers: IHeaders, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (last === undefined) return null;
  return Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
}

function eventIdentity(value: Buffer | null): { id: string | null; type: string | null } {
  const none = { id: null, type: null };
  if (!value || value.length === 0) return none;
  const text = value.toString('utf8').trimStart();
  if (!text.startsWith('{')) return none;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return none;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return none;
  const { id, type } = parsed as { id?: unknown; type?: unknown };
  return {
    id: typeof id === 'string' && id.length > 0 ? id : null,
    type: typeof type === 'string' && type.length > 0 ? type : null,
  };
}

function timestampToIso(timestamp: string): string | null {
  const ms = Number(timestamp);
  return Number.isFinite(ms) && ms >= 0 ? new Date(ms).toISOString() : null;
}

function isoTime(text: string | null): string | null {
  if (text === null) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function wholeNumber(text: string | null): number | null {
  return text !== null && /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

function offsetText(text: string | null): string | null {
  return text !== null && /^\d+$/.test(text.trim()) ? text.trim() : null;
}
