import { readFileSync } from 'node:fs';

/** Samples the resident memory of processes, keeping each one's peak. */
export class PeakRss {
  private readonly peaks = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pids: Record<string, number | undefined>) {}

  start(everyMs = 250): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Peak RSS in MB per process since the last reset. */
  take(): Record<string, number> {
    const taken = Object.fromEntries(
      [...this.peaks].map(([name, bytes]) => [name, Math.round(bytes / 1024 / 1024)]),
    );
    this.peaks.clear();
    return taken;
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      if (!pid) continue;
      try {
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (match)
          this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, Number(match[1]) * 1024));
      } catch {
        // the process has exited
      }
    }
  }
}
