import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { IncomingMessage, ServerResponse } from 'node:http';

let prometheus: PrometheusExporter | undefined;
let sdk: NodeSDK | undefined;

/**
 * Starts tracing and metrics before anything else loads. Traces go to the OTLP endpoint when
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_TRACES_EXPORTER) is set; without one the tracing SDK is not
 * loaded at all (it costs some 30 MB), and `traceparent` still travels in the events. Metrics are
 * always served on /metrics.
 */
export function startTelemetry(serviceName: string): void {
  ensureMetrics();
  if (sdk || (!process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] && !process.env['OTEL_TRACES_EXPORTER']))
    return;
  process.env['OTEL_METRICS_EXPORTER'] ??= 'none';
  process.env['OTEL_LOGS_EXPORTER'] ??= 'none';
  // No instrumentation patches modules, so the SDK may register a moment after the others load.
  void import('@opentelemetry/sdk-node').then(({ NodeSDK }) => {
    sdk ??= new NodeSDK({ serviceName, instrumentations: [] });
    sdk.start();
  });
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}

/** The Prometheus reader behind /metrics; created on first use so tests get it too. */
function ensureMetrics(): PrometheusExporter {
  if (!prometheus) {
    prometheus = new PrometheusExporter({ preventServerStart: true });
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [prometheus] }));
  }
  return prometheus;
}

export function serveMetrics(request: IncomingMessage, response: ServerResponse): void {
  ensureMetrics().getMetricsRequestHandler(request, response);
}

export function meter(name = 'handoff') {
  ensureMetrics();
  return metrics.getMeter(name);
}
