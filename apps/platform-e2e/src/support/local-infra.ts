import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './platform.js';

const run = promisify(execFile);

/** A broker or store of the test's own, started and stopped by the project's scripts. */
export interface LocalServer {
  readonly address: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

function script(path: string, env: NodeJS.ProcessEnv) {
  return async (command: string) => {
    await run('bash', [join(repoRoot, path), command], {
      cwd: repoRoot,
      // A private broker needs no SASL listener (and that port may be taken).
      env: { ...process.env, KAFKA_SASL: 'false', ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
  };
}

/** A FerretDB (and its backend) on its own port and state folder. */
export function localStore(name: string, port: number): LocalServer {
  const call = script('deploy/ferretdb/ferretdb.sh', {
    FERRETDB_PORT: String(port),
    HANDOFF_STATE_DIR: join(repoRoot, '.local', 'faults', name),
  });
  return {
    address: `mongodb://127.0.0.1:${port}`,
    start: () => call('start'),
    stop: () => call('stop'),
    remove: () => call('reset'),
  };
}

/** A single-node Kafka on its own ports and state folder; a restart keeps its data. */
export function localBroker(name: string, port: number, controllerPort: number): LocalServer {
  const call = script('deploy/kafka/kafka.sh', {
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    HANDOFF_STATE_DIR: join(repoRoot, '.local', 'faults', name),
  });
  return {
    address: `127.0.0.1:${port}`,
    start: () => call('start'),
    stop: () => call('stop'),
    remove: () => call('reset'),
  };
}
