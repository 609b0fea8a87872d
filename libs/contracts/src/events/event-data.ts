import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

/** Drops the `[key: string]: unknown` an open object schema adds; maps of typed values keep theirs. */
type KnownFields<T> = {
  [K in keyof T as string extends K ? (unknown extends T[K] ? never : K) : K]: Known<T[K]>;
};

type Known<T> = T extends readonly (infer Item)[]
  ? Known<Item>[]
  : T extends object
    ? KnownFields<T>
    : T;

/**
 * The TypeScript type of an event's data: the fields its schema names. Schemas stay open on the
 * wire (consumers ignore what they do not know), but code reads and writes only known fields.
 */
export type EventData<S extends JSONSchema> = Known<FromSchema<S>>;
