import type { Metadata } from '@grpc/grpc-js';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type TextMapGetter,
} from '@opentelemetry/api';

const metadataGetter: TextMapGetter<Metadata> = {
  keys: (metadata) => Object.keys(metadata.getMap()),
  get: (metadata, key) => {
    const values = metadata.get(key).map(String);
    return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
  },
};

/** The current trace (W3C `traceparent`, `tracestate`), added to a gRPC call's metadata. */
export function withTraceContext(metadata: Metadata): Metadata {
  propagation.inject(context.active(), metadata, {
    set: (carrier, key, value) => carrier.set(key, value),
  });
  return metadata;
}

const tracer = trace.getTracer('handoff.grpc');

/** Runs a gRPC method's work in a server span continuing the caller's trace, from its metadata. */
export function inCallerTrace<T>(
  metadata: Metadata | undefined,
  method: string,
  work: () => Promise<T> | T,
): Promise<T> {
  const parent = metadata
    ? propagation.extract(ROOT_CONTEXT, metadata, metadataGetter)
    : ROOT_CONTEXT;
  return tracer.startActiveSpan(method, { kind: SpanKind.SERVER }, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
