import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServiceProcessOptions {
  /** The compiled entry point, e.g. apps/sentiment/dist/main.js. */
  main: string;
  env: NodeJS.ProcessEnv;
  httpPort: number;
  logFile: string;
}

export interface ServiceProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** GET a health endpoint: its status and JSON body. */
  health(probe: 'live' | 'ready'): Promise<{ status: number; body: any }>;
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited after 15 s. */
  stop(): Promise<void>;
  /** SIGKILL at once: a crash, with no chance to commit or clean up. */
  kill(): Promise<void>;
}

/** Runs a service from its build as a separate process, as it runs in production, logging to a file. */
export function startServiceProcess(options: ServiceProcessOptions): ServiceProcess {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const child = spawn(process.execPath, [options.main], {
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(options.httpPort),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${options.httpPort}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  return {
    url,
    child,
    async health(probe) {
      const response = await fetch(`${url}/health/${probe}`);
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    async waitUntilReady(timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      let last = 'not listening yet';
      while (Date.now() < deadline) {
        if (!running())
          throw new Error(
            `${options.main} exited with ${child.exitCode ?? child.signalCode} (log: ${options.logFile})`,
          );
        try {
          const response = await fetch(`${url}/health/ready`);
          if (response.ok) return;
          last = await response.text();
        } catch {
          // not listening yet
        }
        await sleep(200);
      }
      throw new Error(
        `${options.main} not ready within ${timeoutMs} ms: ${last} (log: ${options.logFile})`,
      );
    },
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timedOut = await Promise.race([
        exited.then(() => false),
        sleep(15_000).then(() => true),
      ]);
      if (timedOut) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    async kill() {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
