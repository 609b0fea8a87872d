import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { devAuthEnv, ensureDevKeys } from './dev-tokens.js';
import { startNewGroupsAtEnd } from './new-groups-at-end.js';

export const repoRoot = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));
/** In the order of their default HTTP ports, 3001 conversation … 3005 gateway. */
export const services = ['conversation', 'sentiment', 'routing', 'presence', 'gateway'] as const;
export type ServiceName = (typeof services)[number];

export interface PlatformOptions {
  runId: string;
  brokers: string[];
  mongoUrl: string;
  /** First of six consecutive free ports: five HTTP ports, then presence's gRPC port. */
  basePort: number;
  /** Where each service's log goes; defaults to .test-results/logs. */
  logDir?: string;
  /** Extra environment for every service. */
  env?: NodeJS.ProcessEnv;
}

export interface Platform {
  url(service: ServiceName): string;
  pid(service: ServiceName): number | undefined;
  logFile(service: ServiceName): string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  runId: string;
  brokers: string[];
  mongoUrl: string;
  httpPort: number;
  grpcPort: number;
  logDir?: string;
  env?: NodeJS.ProcessEnv;
}

/** One service running from its build, as its own process. */
export interface RunningService {
  readonly url: string;
  readonly pid: number | undefined;
  readonly logFile: string;
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** SIGTERM: a graceful stop, as Kubernetes does. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, with no chance to finish or commit anything. */
  kill(): Promise<void>;
}

export const groupIdOf = (name: ServiceName, runId: string) => `handoff-${name}-${runId}`;

/** Starts one service with its own consumer group and database, named after the run. */
export function startService(name: ServiceName, options: ServiceOptions): RunningService {
  const logDir = options.logDir ?? join(repoRoot, '.test-results', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${options.runId}-${name}.log`);
  // The gateway, and the reads of conversation and presence, check the development issuer's tokens.
  const checksTokens = name === 'gateway' || name === 'conversation' || name === 'presence';
  if (checksTokens) ensureDevKeys();
  const env = {
    ...process.env,
    ...(checksTokens ? devAuthEnv : {}),
    LOG_LEVEL: 'info',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(options.httpPort),
    GRPC_PORT: String(options.grpcPort),
    PRESENCE_GRPC_URL: `127.0.0.1:${options.grpcPort}`,
    KAFKA_BROKERS: options.brokers.join(','),
    KAFKA_GROUP_ID: groupIdOf(name, options.runId),
    KAFKA_RETRY_BACKOFF_MS: '50',
    // As many partitions as the probes and integration tests create, so topics keyed alike match.
    KAFKA_TOPIC_PARTITIONS: '3',
    MONGO_URL: options.mongoUrl,
    MONGO_DB: `${options.runId}_${name}`,
    ...options.env,
  };
  // SERVICE_NODE_ARGS passes options to each service's Node.js, e.g. --cpu-prof to profile it under a benchmark.
  const nodeArgs = (process.env['SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, join(repoRoot, 'apps', name, 'dist', 'main.js')],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${options.httpPort}`;
  return {
    url,
    pid: child.pid,
    logFile,
    waitUntilReady: (timeoutMs) => waitUntilReady(url, child, name, timeoutMs),
    stop: () => stopChild(child, 'SIGTERM'),
    kill: () => stopChild(child, 'SIGKILL'),
  };
}

/** Starts the services and the gateway from their builds, each with its own consumer group and database. */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const grpcPort = options.basePort + services.length;
  const urlOf = (service: ServiceName) =>
    `http://127.0.0.1:${options.basePort + services.indexOf(service)}`;
  const edge: Partial<Record<ServiceName, NodeJS.ProcessEnv>> = {
    gateway: { CONVERSATION_URL: urlOf('conversation'), PRESENCE_URL: urlOf('presence') },
  };
  // The gateway's groups are new on every start and begin at the end already.
  await startNewGroupsAtEnd(
    options.brokers,
    services.filter((name) => name !== 'gateway').map((name) => groupIdOf(name, options.runId)),
  );
  const running = new Map(
    services.map((name, index) => [
      name,
      startService(name, {
        ...options,
        httpPort: options.basePort + index,
        grpcPort,
        env: { ...options.env, ...edge[name] },
      }),
    ]),
  );
  const platform: Platform = {
    url: (service) => running.get(service)!.url,
    pid: (service) => running.get(service)!.pid,
    logFile: (service) => running.get(service)!.logFile,
    stop: async () => {
      await Promise.all([...running.values()].map((service) => service.stop()));
    },
  };
  try {
    await Promise.all([...running.values()].map((service) => service.waitUntilReady()));
  } catch (error) {
    await platform.stop();
    throw error;
  }
  return platform;
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  name: string,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastAnswer = 'not listening';
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode} while starting`);
    try {
      const response = await fetch(`${url}/health/ready`);
      if (response.ok) return;
      lastAnswer = `${response.status} ${await response.text()}`;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  // The readiness probe says why (e.g. topics that do not match), so the failure names its cause.
  throw new Error(`${name} was not ready within ${timeoutMs} ms; it last answered ${lastAnswer}`);
}

async function stopChild(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill(signal);
  const timedOut = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}
