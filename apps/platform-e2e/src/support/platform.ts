import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));
/** In the order of their default HTTP ports, 3001 conversation … 3004 presence. */
const services = ['conversation', 'sentiment', 'routing', 'presence'] as const;
export type ServiceName = (typeof services)[number];

export interface PlatformOptions {
  runId: string;
  brokers: string[];
  mongoUrl: string;
  /** First of five consecutive free ports: four HTTP ports, then presence's gRPC port. */
  basePort: number;
  /** Where each service's log goes; defaults to .test-results/logs. */
  logDir?: string;
}

export interface Platform {
  url(service: ServiceName): string;
  logFile(service: ServiceName): string;
  stop(): Promise<void>;
}

/** Starts the four services from their builds, each with its own consumer group and database. */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const ports = Object.fromEntries(services.map((name, index) => [name, options.basePort + index])) as Record<ServiceName, number>;
  const grpcPort = options.basePort + services.length;
  const logDir = options.logDir ?? join(repoRoot, '.test-results', 'logs');
  mkdirSync(logDir, { recursive: true });

  const logFileOf = (name: ServiceName) => join(logDir, `${options.runId}-${name}.log`);
  const children = new Map<ServiceName, ChildProcess>();
  for (const name of services) {
    const env = {
      ...process.env,
      LOG_LEVEL: 'info',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(ports[name]),
      GRPC_PORT: String(grpcPort),
      PRESENCE_GRPC_URL: `127.0.0.1:${grpcPort}`,
      KAFKA_BROKERS: options.brokers.join(','),
      KAFKA_GROUP_ID: `handoff-${name}-${options.runId}`,
      KAFKA_RETRY_BACKOFF_MS: '50',
      MONGO_URL: options.mongoUrl,
      MONGO_DB: `${options.runId}_${name}`,
    };
    const child = spawn(process.execPath, [join(repoRoot, 'apps', name, 'dist', 'main.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(logFileOf(name));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    children.set(name, child);
  }

  const platform: Platform = {
    url: (service) => `http://127.0.0.1:${ports[service]}`,
    logFile: logFileOf,
    stop: async () => {
      await Promise.all([...children.values()].map((child) => stopChild(child)));
    },
  };
  try {
    await Promise.all(services.map((name) => waitUntilReady(platform.url(name), children.get(name)!, name)));
  } catch (error) {
    await platform.stop();
    throw error;
  }
  return platform;
}

async function waitUntilReady(url: string, child: ChildProcess, name: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting`);
    try {
      const response = await fetch(`${url}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}
