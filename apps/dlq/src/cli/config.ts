import { kafkaConnectionFrom, kafkaEnv, type KafkaConnection } from '@handoff/messaging';
import { loadConfig } from '@handoff/service-kit';
import { z } from 'zod';

const dlqEnv = z.object(kafkaEnv('dlq'));

export interface DlqConfig {
  connection: KafkaConnection;
  /** Prefix of the throwaway consumer group a read uses (KAFKA_GROUP_ID, `handoff-dlq` by default). */
  groupPrefix: string;
}

/** The Kafka settings the services read (brokers, client id, TLS, SASL), from the same variables. */
export function loadDlqConfig(env: NodeJS.ProcessEnv = process.env): DlqConfig {
  const kafka = loadConfig(dlqEnv, env);
  return { connection: kafkaConnectionFrom(kafka), groupPrefix: kafka.KAFKA_GROUP_ID };
}
