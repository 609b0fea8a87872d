import type { SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

/**
 * How to reach the brokers: addresses, and for a secured cluster TLS (a CA, optionally a client
 * certificate) and SASL credentials. Secrets are read once at boot and never logged.
 */
export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  ssl?: ConnectionOptions;
  sasl?: SASLOptions;
}

/** What can be said about a connection in logs and errors: never a secret. */
export function describeConnection(connection: KafkaConnection): string {
  const security = [
    connection.ssl ? 'TLS' : 'plaintext',
    connection.sasl ? `SASL ${connection.sasl.mechanism}` : undefined,
  ]
    .filter(Boolean)
    .join(' + ');
  return `${connection.brokers.join(',')} (${security})`;
}
