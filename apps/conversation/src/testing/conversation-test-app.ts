import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { EventTopic } from '@handoff/contracts';
import {
  EventConsumerRunner,
  KAFKA_CLIENT,
  KafkaStartup,
  MessagingModule,
  connectEventConsumers,
  type MessagingOptions,
} from '@handoff/messaging';
import { startGroupAtEnd } from '@handoff/messaging/testing';
import { HealthModule, MongoModule } from '@handoff/service-kit';
import type { Kafka } from 'kafkajs';
import { ConversationStatesModule } from '../conversations/conversation-states.module.js';

/**
 * Features of the conversation service wired as main.ts wires them, against the test's broker and
 * store, once its group has joined. Given `startAtEnd`, the group first skips what those topics
 * already hold, so the app handles only what the test publishes.
 */
export async function startConversationTestApp(
  features: (Type | DynamicModule)[],
  {
    options,
    mongo,
    startAtEnd = [],
  }: {
    options: MessagingOptions;
    mongo: { url: string; dbName: string };
    startAtEnd?: EventTopic[];
  },
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      HealthModule,
      MongoModule.forRoot(mongo),
      MessagingModule.forRoot(options),
      ConversationStatesModule.register({ cacheSize: 100 }),
      ...features,
    ],
  }).compile();
  const started = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
  connectEventConsumers(started);
  try {
    await started.init();
    await started.get(KafkaStartup).ready;
    if (startAtEnd.length > 0)
      await startGroupAtEnd(started.get<Kafka>(KAFKA_CLIENT), options.groupId, startAtEnd);
    await started.startAllMicroservices();
    await started.get(EventConsumerRunner).joined;
  } catch (error) {
    await started.close();
    throw error;
  }
  return started;
}
