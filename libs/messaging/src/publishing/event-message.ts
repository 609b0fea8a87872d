import {
  cloudEventContentType,
  createEvent,
  eventCatalog,
  maxEventBytes,
  type EventDataByType,
  type EventTopic,
  type EventType,
} from '@handoff/contracts';
import type { Message } from 'kafkajs';

export interface EmitOptions {
  /** A deterministic id (see `deriveId`), so a repeated emit is a recognisable duplicate. */
  id?: string;
  /** The trace this event continues, usually the `traceparent` of the event that caused it. */
  traceparent?: string;
  /** When it happened, if not now: a change already applied at that time is published as such. */
  time?: Date;
}

export interface TopicMessage {
  topic: EventTopic;
  message: Message;
}

/**
 * A CloudEvent in structured mode, keyed by its aggregate id, ready to send. Refuses an event
 * larger than its topic accepts: that is a bug in what produced it, not a reason to wedge a
 * partition on a broker refusal later.
 */
export function eventMessage<K extends EventType>(
  type: K,
  data: EventDataByType[K],
  source: string,
  options: EmitOptions = {},
): TopicMessage {
  const event = createEvent(type, data, {
    source,
    ...(options.traceparent ? { traceparent: options.traceparent } : {}),
    ...(options.id ? { id: options.id } : {}),
    ...(options.time ? { time: options.time } : {}),
  });
  const topic = eventCatalog[type].topic as EventTopic;
  const value = JSON.stringify(event);
  const size = Buffer.byteLength(value);
  if (size > maxEventBytes(topic)) {
    throw new Error(
      `${type} ${event.id} is ${size} bytes, over the ${maxEventBytes(topic)}-byte limit of ${topic}`,
    );
  }
  return {
    topic,
    message: { key: event.partitionkey, value, headers: { 'content-type': cloudEventContentType } },
  };
}
