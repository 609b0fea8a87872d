import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { startServiceUnderTest } from '@handoff/messaging/testing';
import type { IntegrationInfra } from '@handoff/service-kit/testing';
import type { Connection } from 'mongoose';
import { SentimentAppModule } from '../app.module.js';
import { loadSentimentConfig } from '../config.js';

/** The sentiment service in the test process, on the real broker and store, as main.ts wires it. */
export async function startSentiment(
  infra: IntegrationInfra,
  name: string,
): Promise<INestApplication> {
  const config = loadSentimentConfig({
    ...infra.serviceEnv,
    KAFKA_GROUP_ID: name,
    KAFKA_CLIENT_ID: name,
    KAFKA_RETRY_BACKOFF_MS: '10',
    MONGO_DB: name,
    // Quick, so a rule set stored by "another instance" is seen within a test.
    SENTIMENT_RULES_REFRESH_MS: '200',
  });
  return startServiceUnderTest(SentimentAppModule.forRoot(config), {
    brokers: infra.brokers,
    groupId: name,
    topics: config.messaging.topics,
  });
}

/** Stops the app; with `dropDatabase`, also forgets what it stored. */
export async function stopSentiment(
  app: INestApplication | undefined,
  dropDatabase = false,
): Promise<void> {
  if (!app) return;
  if (dropDatabase) await app.get<Connection>(getConnectionToken()).dropDatabase();
  await app.close();
}
