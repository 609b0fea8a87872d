import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

/** One kafkajs client per service, logging through Nest's logger. */
export function createKafkaClient(clientId: string, brokers: string[]): Kafka {
  const logger = new Logger('kafkajs');
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...rest } = entry.log;
      const line = { message, namespace: entry.namespace, ...rest };
      if (entry.level <= logLevel.ERROR) logger.error(line);
      else logger.warn(line);
    },
    retry: { retries: 8, initialRetryTime: 200 },
  });
}
