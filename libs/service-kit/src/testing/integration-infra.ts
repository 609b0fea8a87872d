import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';

export interface IntegrationInfra {
  /** Comma-separated, as the services read KAFKA_BROKERS. */
  kafkaBrokers: string;
  brokers: string[];
  mongoUrl: string;
  /** A listener of the same broker that requires SASL SCRAM, when the test script started one. */
  sasl?: { brokers: string; username: string; password: string };
  /** The environment a service under test needs to reach the broker and store, as one block. */
  serviceEnv: {
    KAFKA_BROKERS: string;
    KAFKA_TOPIC_PARTITIONS: string;
    MONGO_URL: string;
  };
}

/**
 * How many partitions every test creates a platform topic with. Tests share one broker and the
 * first to need a topic creates it, so a service started with its default count would make topics
 * that co-partitioned ones no longer match, and every later service refuses to start.
 */
export const sharedTopicPartitions = 3;

/**
 * The real Kafka broker and MongoDB-compatible store the integration tests run against.
 * Stops the test with a message that says what to set, instead of failing later on a
 * connection timeout.
 */
export function integrationInfra(env: NodeJS.ProcessEnv = process.env): IntegrationInfra {
  const kafkaBrokers = env['KAFKA_BROKERS']?.trim();
  const mongoUrl = env['MONGO_URL']?.trim();
  const missing = [!kafkaBrokers && 'KAFKA_BROKERS', !mongoUrl && 'MONGO_URL'].filter(Boolean);
  if (missing.length > 0 || !kafkaBrokers || !mongoUrl) {
    throw new Error(
      `Integration tests need a real broker and store: set ${missing.join(' and ')} ` +
        '(e.g. KAFKA_BROKERS=127.0.0.1:9092 MONGO_URL=mongodb://127.0.0.1:27017), as deploy/test.sh does.',
    );
  }
  const [saslBrokers, username, password] = [
    'KAFKA_SASL_TEST_BROKERS',
    'KAFKA_SASL_TEST_USERNAME',
    'KAFKA_SASL_TEST_PASSWORD',
  ].map((name) => env[name]);
  return {
    kafkaBrokers,
    brokers: kafkaBrokers.split(',').map((broker) => broker.trim()),
    mongoUrl,
    serviceEnv: {
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_TOPIC_PARTITIONS: String(sharedTopicPartitions),
      MONGO_URL: mongoUrl,
    },
    ...(saslBrokers && username && password
      ? { sasl: { brokers: saslBrokers, username, password } }
      : {}),
  };
}

/**
 * A name no other test file or run uses, for databases, consumer groups and aggregate ids.
 * Letters, digits and underscores only, so it is valid everywhere those names are.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

/** A loopback port that was free a moment ago, for a server the test starts itself. */
export async function freeLoopbackPort(): Promise<number> {
  return (await freeLoopbackPorts(1))[0]!;
}

/** Distinct loopback ports that were free a moment ago: held open together, none is given twice. */
export async function freeLoopbackPorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((closed) => server.close(closed))));
  return ports;
}

/**
 * Polls until the check passes or the time is up; the last failure explains the timeout. The
 * default allows for a loaded machine, where the broker and the store answer a batch in seconds
 * rather than milliseconds (a redelivered message's answer was once seen to take over 15 s while
 * three suites shared two cores); a passing check returns as soon as it passes.
 */
export async function eventually<T>(
  description: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined && result !== false) return result;
    if (Date.now() >= deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
