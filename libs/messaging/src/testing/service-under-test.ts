import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import { connectEventConsumers } from '../consuming/event-consumer.server.js';
import { KafkaStartup } from '../topics/kafka-startup.js';
import { startGroupAtEnd } from './topic-recorder.js';

/**
 * A service's root module started in the test process with its consumers on the real broker, wired
 * as its main.ts wires it; its group starts at the end of its topics, so old records of a shared
 * broker do not reach it. Resolves once its topics exist and its consumer runs.
 */
export async function startServiceUnderTest(
  root: DynamicModule,
  kafka: { brokers: string[]; groupId: string; topics: readonly string[] },
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [root] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
  connectEventConsumers(app);
  await app.init();
  await app.get(KafkaStartup).ready;
  // Once its topics exist, before its consumer first joins.
  await startGroupAtEnd(
    new Kafka({ clientId: kafka.groupId, brokers: kafka.brokers, logLevel: logLevel.NOTHING }),
    kafka.groupId,
    [...kafka.topics],
  );
  await app.startAllMicroservices();
  return app;
}
