import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { KafkaConnection } from './kafka-connection.js';

// kafkajs logs every rebalance and retry at ERROR; what matters reaches readiness and our own logs.
const quietNamespaces = new Set(['Connection', 'BrokerPool', 'Runner', 'ConsumerGroup', 'Cluster']);

/** One kafkajs client per service, logging through Nest's logger. */
export function createKafkaClient(connection: KafkaConnection): Kafka {
  const logger = new Logger('kafkajs');
  return new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    ...(connection.ssl ? { ssl: connection.ssl } : {}),
    ...(connection.sasl ? { sasl: connection.sasl } : {}),
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...rest } = entry.log;
      const line = { message, namespace: entry.namespace, ...rest };
      if (entry.level <= logLevel.ERROR && !quietNamespaces.has(entry.namespace))
        logger.error(line);
      else logger.warn(line);
    },
    retry: { retries: 8, initialRetryTime: 200 },
  });
}
