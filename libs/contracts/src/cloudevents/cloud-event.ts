import type { EventDataByType, EventType, EventTypesOn } from '../events/catalog.js';
import type { EventTopic } from '../topics.js';

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole envelope is the Kafka
 * message value, with `content-type: application/cloudevents+json` as a header.
 * `tenantid`, `partitionkey` and `traceparent` are extension attributes.
 */
export interface CloudEvent<TType extends string = string, TData = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: TType;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema?: string;
  tenantid: string;
  partitionkey: string;
  traceparent?: string;
  data: TData;
}

export type CloudEventOf<K extends EventType> = CloudEvent<K, EventDataByType[K]>;

/** The typed topic-to-payload map: what may be published to, and read from, each topic. */
export type TopicPayloads = {
  [T in EventTopic]: { [K in EventTypesOn<T>]: CloudEventOf<K> }[EventTypesOn<T>];
};

export const cloudEventContentType = 'application/cloudevents+json; charset=utf-8';
