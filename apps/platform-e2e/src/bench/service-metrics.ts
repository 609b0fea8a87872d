/** A histogram's total and count per label set, from a service's Prometheus text. */
type Totals = Map<string, { sum: number; count: number }>;

const histogramLine = /^(handoff_[a-z_]+)_(sum|count)\{([^}]*)\} ([-\d.e+]+)$/;

function parse(text: string): Totals {
  const totals: Totals = new Map();
  for (const line of text.split('\n')) {
    const match = histogramLine.exec(line);
    if (!match) continue;
    const [, name, kind, labels, value] = match;
    // The exporter adds the instrumentation scope to every series; it says nothing here.
    const key = `${name}{${labels!.replace(/,?otel_scope_\w+="[^"]*"/g, '')}}`;
    const entry = totals.get(key) ?? { sum: 0, count: 0 };
    entry[kind as 'sum' | 'count'] = Number(value);
    totals.set(key, entry);
  }
  return totals;
}

/**
 * Where the time goes inside the services: per service, the batches each consumer handled since
 * the last look, their average size, and the average time of the handler and of publishing what
 * it emitted (from the services' own /metrics).
 */
export class ServiceMetrics {
  private last = new Map<string, Totals>();

  constructor(private readonly urls: Record<string, string>) {}

  async take(): Promise<string[]> {
    const lines: string[] = [];
    for (const [service, url] of Object.entries(this.urls)) {
      const now = parse(await (await fetch(`${url}/metrics`)).text().catch(() => ''));
      const before = this.last.get(service) ?? new Map();
      this.last.set(service, now);
      const delta = (key: string) => {
        const a = now.get(key);
        const b = before.get(key) ?? { sum: 0, count: 0 };
        return a ? { sum: a.sum - b.sum, count: a.count - b.count } : { sum: 0, count: 0 };
      };
      for (const key of now.keys()) {
        const batch = /^handoff_batch_events\{topic="([^"]+)"/.exec(key);
        if (batch) {
          const topic = batch[1]!;
          const events = delta(key);
          if (events.count === 0) continue;
          const handle = delta(`handoff_batch_duration_seconds{topic="${topic}",phase="handle"}`);
          const publish = delta(`handoff_batch_duration_seconds{topic="${topic}",phase="publish"}`);
          lines.push(
            `${service} ${topic}: ${events.count} batches of ${(events.sum / events.count).toFixed(1)} events, ` +
              `handler ${ms(handle)} ms, publish ${ms(publish)} ms per batch`,
          );
        }
        const write = /^handoff_reservation_write_duration_seconds\{size="(\w+)"/.exec(key);
        if (write) {
          const writes = delta(key);
          if (writes.count > 0)
            lines.push(
              `${service} reservation writes (${write[1]}): ${writes.count}, ${ms(writes)} ms each`,
            );
        }
      }
    }
    return lines;
  }
}

function ms({ sum, count }: { sum: number; count: number }): string {
  return count > 0 ? ((sum * 1000) / count).toFixed(1) : '-';
}
