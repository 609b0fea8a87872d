import type { KafkaConnection } from '@handoff/messaging';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

/**
 * A kafkajs client for a command run by hand: the services' connection settings (brokers, TLS,
 * SASL), retries that give up within seconds rather than a minute, and kafkajs's own logs only
 * with --verbose, on stderr, so stdout stays the command's output.
 */
export function createCliKafkaClient(
  connection: KafkaConnection,
  { verbose }: { verbose: boolean },
): Kafka {
  return new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    ...(connection.ssl ? { ssl: connection.ssl } : {}),
    ...(connection.sasl ? { sasl: connection.sasl } : {}),
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { retries: 4, initialRetryTime: 300, maxRetryTime: 5_000 },
    logLevel: verbose ? logLevel.INFO : logLevel.NOTHING,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...details } = entry.log;
      process.stderr.write(
        `kafkajs ${entry.label} ${entry.namespace}: ${message} ${JSON.stringify(details)}\n`,
      );
    },
  });
}
