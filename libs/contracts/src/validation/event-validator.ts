import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { cloudEventEnvelopeSchema } from '../cloudevents/cloud-event.schema.js';
import type { TopicPayloads } from '../cloudevents/cloud-event.js';
import {
  eventCatalog,
  eventTypesOn,
  type EventDataByType,
  type EventType,
} from '../events/catalog.js';
import { extensibleEnumKeyword } from '../events/common.schema.js';
import { maxEventBytes, type EventTopic } from '../topics.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export type ValidationResult<T> = { ok: true; event: T } | { ok: false; reason: string };

/** A Kafka record as it arrived: the key and value bytes, untouched. */
export interface RawRecord {
  key: Buffer | string | null;
  value: Buffer | string | null;
}

/**
 * What a consumer does with a record: process the event; dead-letter it with the reason; or skip
 * it, because its type is not one this version knows (a newer producer's addition to the topic).
 */
export type RecordCheck<T> =
  | { kind: 'event'; event: T }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unknown_type'; type: string };

/**
 * Checks records against the CloudEvents envelope, the event types of their topic, the schema of
 * that type's data, the topic's size limit, and that the record key is the event's aggregate id
 * (the key decides the partition, so a wrong key breaks the order of one conversation).
 * Compiled once per process.
 */
export class EventValidator {
  private readonly envelope: ValidateFunction;
  private readonly dataByType = new Map<EventType, ValidateFunction>();

  constructor() {
    const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    ajv.addKeyword({ keyword: extensibleEnumKeyword, schemaType: 'array' });
    this.envelope = ajv.compile(cloudEventEnvelopeSchema);
    for (const [type, entry] of Object.entries(eventCatalog)) {
      this.dataByType.set(type as EventType, ajv.compile(entry.schema));
    }
  }

  check<T extends EventTopic>(topic: T, record: RawRecord): RecordCheck<TopicPayloads[T]> {
    const { value } = record;
    if (value === null || value.length === 0)
      return { kind: 'invalid', reason: 'empty message value' };
    const size = typeof value === 'string' ? Buffer.byteLength(value) : value.length;
    const limit = maxEventBytes(topic);
    if (size > limit) {
      return {
        kind: 'invalid',
        reason: `event of ${size} bytes exceeds the ${limit}-byte limit of ${topic}`,
      };
    }
    let json: unknown;
    try {
      json = JSON.parse(value.toString());
    } catch (error) {
      return { kind: 'invalid', reason: `value is not JSON: ${(error as Error).message}` };
    }
    const type =
      typeof (json as { type?: unknown })?.type === 'string'
        ? (json as { type: string }).type
        : undefined;
    if (type !== undefined && !(type in eventCatalog) && this.envelope(json))
      return { kind: 'unknown_type', type };
    const result = this.validate(topic, json);
    if (!result.ok) return { kind: 'invalid', reason: result.reason };
    const key = record.key === null ? null : record.key.toString();
    if (key !== result.event.partitionkey) {
      const shown = key === null ? 'missing' : JSON.stringify(key.slice(0, 140));
      return {
        kind: 'invalid',
        reason: `record key ${shown} is not the event's aggregate id ${result.event.partitionkey}`,
      };
    }
    return { kind: 'event', event: result.event };
  }

  validate<T extends EventTopic>(topic: T, candidate: unknown): ValidationResult<TopicPayloads[T]> {
    if (!this.envelope(candidate)) {
      return { ok: false, reason: `not a CloudEvent: ${describe(this.envelope.errors)}` };
    }
    const event = candidate as {
      type: string;
      data: Record<string, unknown>;
      partitionkey: string;
      tenantid: string;
    };
    const allowed = eventTypesOn(topic);
    if (!allowed.includes(event.type as EventType)) {
      return {
        ok: false,
        reason: `event type ${event.type} is not accepted on ${topic} (expected ${allowed.join(', ')})`,
      };
    }
    const type = event.type as EventType;
    const validateData = this.dataByType.get(type)!;
    if (!validateData(event.data)) {
      return { ok: false, reason: `${type} data is invalid: ${describe(validateData.errors)}` };
    }
    const keyField = eventCatalog[type].keyField;
    if (event.data[keyField] !== event.partitionkey) {
      return {
        ok: false,
        reason: `partitionkey ${event.partitionkey} differs from data.${keyField}`,
      };
    }
    if (event.data['tenantId'] !== event.tenantid) {
      return { ok: false, reason: `tenantid ${event.tenantid} differs from data.tenantId` };
    }
    return { ok: true, event: candidate as TopicPayloads[T] };
  }

  /** Checks event data alone, for the same payload arriving over HTTP instead of Kafka. */
  validateData<K extends EventType>(type: K, data: unknown): DataValidationResult<K> {
    const validateData = this.dataByType.get(type)!;
    if (!validateData(data)) return { ok: false, reason: describe(validateData.errors) };
    return { ok: true, data: data as EventDataByType[K] };
  }
}

export type DataValidationResult<K extends EventType> =
  { ok: true; data: EventDataByType[K] } | { ok: false; reason: string };

function describe(errors: ErrorObject[] | null | undefined): string {
  if (!errors?.length) return 'unknown error';
  return errors
    .slice(0, 3)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${formatParams(e)}`)
    .join('; ');
}

function formatParams(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if ('additionalProperty' in params) return ` (${String(params['additionalProperty'])})`;
  if ('allowedValues' in params) return ` (${(params['allowedValues'] as unknown[]).join(', ')})`;
  return '';
}
