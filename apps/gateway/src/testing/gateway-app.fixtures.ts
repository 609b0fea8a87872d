import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  createEvent,
  type EventDataByType,
  type EventType,
  cloudEventContentType,
  eventCatalog,
} from '@handoff/contracts';
import { connectEventConsumers, EventConsumerRunner, KafkaStartup } from '@handoff/messaging';
import type { IntegrationInfra } from '@handoff/service-kit/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayAppModule } from '../app.module.js';
import { loadGatewayConfig } from '../config.js';
import { devAudience, devIssuer, devKeys, type DevKeys } from '../dev-issuer/dev-keys.js';
import { mintDevToken, type DevTokenRequest } from '../dev-issuer/dev-token.js';
import { configureGatewayHttp } from '../http/configure-http.js';

export interface GatewayUnderTest {
  app: INestApplication;
  url: string;
  keys: DevKeys;
  token(
    request: Omit<DevTokenRequest, 'role'> & { role?: DevTokenRequest['role'] },
  ): Promise<string>;
  /** Produces an event as another service would, keyed by its aggregate. */
  produce<K extends EventType>(type: K, data: EventDataByType[K]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The gateway as it runs, on an ephemeral loopback port, against the real broker, with keys of a
 * dev issuer of its own; returns once its consumer has joined, so no result can slip past it.
 */
export async function startGateway(
  infra: IntegrationInfra,
  env: NodeJS.ProcessEnv = {},
): Promise<GatewayUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-auth-'));
  const keys = await devKeys(dir);
  const secretsFile = join(dir, 'webhook-secrets.json');
  writeFileSync(secretsFile, JSON.stringify({}));
  const config = loadGatewayConfig({
    ...infra.serviceEnv,
    AUTH_ISSUER: devIssuer,
    AUTH_AUDIENCE: devAudience,
    AUTH_JWKS_FILE: keys.jwksFile,
    GATEWAY_WEBHOOK_SECRETS_FILE: secretsFile,
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [GatewayAppModule.forRoot(config)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
  configureGatewayHttp(app);
  connectEventConsumers(app);
  await app.init();
  await app.get(KafkaStartup).ready;
  await app.startAllMicroservices();
  await app.get(EventConsumerRunner).joined;
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const kafka = new Kafka({
    clientId: 'gateway-test',
    brokers: infra.brokers,
    logLevel: logLevel.NOTHING,
  });
  const producer: Producer = kafka.producer();
  await producer.connect();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    keys,
    token: (request) => mintDevToken(keys, { role: 'agent', ...request }),
    async produce(type, data) {
      const event = createEvent(type, data, { source: '/handoff/test' });
      await producer.send({
        topic: eventCatalog[type].topic,
        messages: [
          {
            key: event.partitionkey,
            value: JSON.stringify(event),
            headers: { 'content-type': cloudEventContentType },
          },
        ],
      });
    },
    async stop() {
      await producer.disconnect();
      await app.close();
    },
  };
}

export async function call(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined
      ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
      : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the assertion to show.
  }
  return { status: response.status, body };
}
