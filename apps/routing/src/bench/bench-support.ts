import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPorts } from '@handoff/service-kit/testing';
import type { Connection } from 'mongoose';

const repoRoot = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));

/** Durations of one kind of call, in milliseconds. */
export class Stopwatch {
  samples: number[] = [];
  totalMs = 0;

  reset(): void {
    this.samples = [];
    this.totalMs = 0;
  }

  async time<T>(call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      const elapsed = performance.now() - started;
      this.samples.push(elapsed);
      this.totalMs += elapsed;
    }
  }

  percentile(fraction: number): number {
    if (this.samples.length === 0) return Number.NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[
      Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))
    ]!;
  }

  get p99(): number {
    return this.percentile(0.99);
  }
}

export function describe(watch: Stopwatch): string {
  return `p50 ${watch.percentile(0.5).toFixed(2)} ms, p99 ${watch.p99.toFixed(2)} ms`;
}

/** Which store the run used, as it answers buildInfo. */
export async function storeName(connection: Connection): Promise<string> {
  const info = (await connection.db!.admin().command({ buildInfo: 1 })) as Record<string, unknown>;
  // FerretDB answers as MongoDB 7 and adds fields of its own.
  if ('ferretdbVersion' in info)
    return `FerretDB (speaking MongoDB ${String(info['version'])}; the local default runs it on PostgreSQL)`;
  return `MongoDB ${String(info['version'])}`;
}

/** Presence from its build, as its own process, with a database and consumer group of the run. */
export async function startPresence(runId: string, brokers: string[], mongoUrl: string) {
  const [httpPort, grpcPort] = await freeLoopbackPorts(2);
  const logDir = join(repoRoot, '.local', 'bench', 'logs');
  mkdirSync(logDir, { recursive: true });
  const child = spawn(process.execPath, [join(repoRoot, 'apps', 'presence', 'dist', 'main.js')], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(httpPort),
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: String(grpcPort),
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_GROUP_ID: `handoff-presence-${runId}`,
      MONGO_URL: mongoUrl,
      MONGO_DB: `${runId}_presence`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(logDir, `${runId}-presence.log`));
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${httpPort}`;
  const waitFor = async (what: string, check: () => Promise<boolean>) => {
    const deadline = Date.now() + 300_000;
    while (!(await check().catch(() => false))) {
      if (child.exitCode !== null) throw new Error(`presence exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(200);
    }
  };
  await waitFor('presence to be ready', async () => (await fetch(`${url}/health/ready`)).ok);
  return {
    grpcAddress: `127.0.0.1:${grpcPort}`,
    /** Presence has applied every agent (they arrive in any order across partitions: a sample). */
    untilKnows: async (tenantId: string, count: number) => {
      for (let index = 0; index < count; index += Math.max(1, Math.floor(count / 50)))
        await waitFor(
          `agent-${index}`,
          async () => (await fetch(`${url}/agents/${tenantId}/agent-${index}`)).ok,
        );
      await waitFor(
        'the last agent',
        async () => (await fetch(`${url}/agents/${tenantId}/agent-${count - 1}`)).ok,
      );
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
