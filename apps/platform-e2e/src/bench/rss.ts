import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = 100;

interface Sample {
  cpuTicks: number;
  rssBytes: number;
}

/**
 * Samples processes' resident memory and CPU time: each one's peak RSS, and the share of a core
 * it used, since the last `take`. Processes are named by the caller (the services) or found by a
 * pattern in their command line (the broker and the store the benchmark started).
 */
export class ProcessSampler {
  private readonly peaks = new Map<string, number>();
  private cpuAtTake = new Map<string, number>();
  private takenAt = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pids: Record<string, number | undefined>,
    private readonly patterns: Record<string, RegExp> = {},
  ) {}

  start(everyMs = 250): void {
    this.cpuAtTake = this.cpuByName();
    this.takenAt = Date.now();
    this.timer = setInterval(() => this.samplePeaks(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Peak RSS in MB of the named services, and CPU % (of one core) of every process, since the last take. */
  take(): { rssMb: Record<string, number>; cpuPercent: Record<string, number> } {
    this.samplePeaks();
    const now = Date.now();
    const cpu = this.cpuByName();
    const seconds = Math.max(0.001, (now - this.takenAt) / 1000);
    const cpuPercent = Object.fromEntries(
      [...cpu].map(([name, ticks]) => [
        name,
        Math.round(
          ((ticks - (this.cpuAtTake.get(name) ?? ticks)) * 100) / ticksPerSecond / seconds,
        ),
      ]),
    );
    const rssMb = Object.fromEntries(
      [...this.peaks].map(([name, bytes]) => [name, Math.round(bytes / 1024 / 1024)]),
    );
    this.peaks.clear();
    this.cpuAtTake = cpu;
    this.takenAt = now;
    return { rssMb, cpuPercent };
  }

  private samplePeaks(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      const sample = pid ? read(pid) : undefined;
      if (sample) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, sample.rssBytes));
    }
  }

  private cpuByName(): Map<string, number> {
    const totals = new Map<string, number>();
    const add = (name: string, pid: number) => {
      const sample = read(pid);
      if (sample) totals.set(name, (totals.get(name) ?? 0) + sample.cpuTicks);
    };
    for (const [name, pid] of Object.entries(this.pids)) if (pid) add(name, pid);
    if (Object.keys(this.patterns).length > 0) {
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        const command = commandLine(Number(entry));
        const name = Object.keys(this.patterns).find((candidate) =>
          this.patterns[candidate]!.test(command),
        );
        if (name) add(name, Number(entry));
      }
    }
    return totals;
  }
}

function read(pid: number): Sample | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return {
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      rssBytes: rss ? Number(rss[1]) * 1024 : 0,
    };
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}
