import { randomUUID } from 'node:crypto';
import { eventCatalog, type EventDataByType, type EventType } from '../events/catalog.js';
import type { CloudEventOf } from './cloud-event.js';

export interface EventOrigin {
  /** URI-reference naming the producing service, e.g. `/handoff/routing`. */
  source: string;
  traceparent?: string;
  id?: string;
  time?: Date;
}

/** Wraps event data in its CloudEvents envelope, keyed by the aggregate the event is about. */
export function createEvent<K extends EventType>(
  type: K,
  data: EventDataByType[K],
  origin: EventOrigin,
): CloudEventOf<K> {
  const entry = eventCatalog[type];
  const aggregateId = (data as Record<string, unknown>)[entry.keyField];
  if (typeof aggregateId !== 'string') {
    throw new TypeError(`${type} data has no ${entry.keyField} to key it by`);
  }
  const event: CloudEventOf<K> = {
    specversion: '1.0',
    id: origin.id ?? randomUUID(),
    source: origin.source,
    type,
    subject: aggregateId,
    time: (origin.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    dataschema: entry.schema.$id,
    tenantid: (data as { tenantId: string }).tenantId,
    partitionkey: aggregateId,
    data,
  };
  if (origin.traceparent) event.traceparent = origin.traceparent;
  return event;
}
