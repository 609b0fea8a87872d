import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { connectEventConsumers, KafkaStartup } from '@handoff/messaging';
import { startGroupAtEnd } from '@handoff/messaging/testing';
import type { IntegrationInfra } from '@handoff/service-kit/testing';
import { Kafka, logLevel } from 'kafkajs';
import { PresenceAppModule } from './app.module.js';
import { loadPresenceConfig } from './config.js';

/**
 * Presence with its consumers on the real broker and store, for integration tests; its group starts
 * at the end of the topics, so old records of the shared broker do not reach it.
 */
export async function startPresenceApp(
  infra: IntegrationInfra,
  dbName: string,
  groupId: string,
): Promise<INestApplication> {
  const config = loadPresenceConfig({
    KAFKA_BROKERS: infra.kafkaBrokers,
    KAFKA_CLIENT_ID: groupId,
    KAFKA_GROUP_ID: groupId,
    MONGO_URL: infra.mongoUrl,
    MONGO_DB: dbName,
  });
  await startGroupAtEnd(
    new Kafka({ clientId: groupId, brokers: infra.brokers, logLevel: logLevel.NOTHING }),
    groupId,
    [...config.messaging.topics],
  );
  const moduleRef = await Test.createTestingModule({
    imports: [PresenceAppModule.forRoot(config)],
  }).compile();
  const started = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
  connectEventConsumers(started);
  await started.init();
  await started.get(KafkaStartup).ready;
  await started.startAllMicroservices();
  return started;
}
