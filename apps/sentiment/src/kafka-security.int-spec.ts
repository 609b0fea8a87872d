import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Topics, createEvent } from '@handoff/contracts';
import {
  ensureTopics,
  eventually,
  freeLoopbackPort,
  integrationInfra,
  startServiceProcess,
  uniqueName,
  type ServiceProcess,
} from '@handoff/service-kit/testing';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';

const main = fileURLToPath(new URL('./main.js', import.meta.url));
const logDir = fileURLToPath(new URL('../../../.test-results/logs/', import.meta.url));
const runName = uniqueName('int_sasl');
const infra = integrationInfra();
const sasl = infra.sasl;
const skip = sasl
  ? false
  : 'needs the SASL listener the test script starts (KAFKA_SASL_TEST_BROKERS)';

async function startSentiment(name: string, password: string): Promise<ServiceProcess> {
  const passwordFile = join(tmpdir(), `${name}.password`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  return startServiceProcess({
    main,
    httpPort: await freeLoopbackPort(),
    logFile: join(logDir, `${name}.log`),
    env: {
      KAFKA_BROKERS: sasl!.brokers,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: sasl!.username,
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
      KAFKA_GROUP_ID: name,
      KAFKA_CLIENT_ID: name,
      MONGO_DB: name,
    },
  });
}

describe('A service on a broker that requires SASL SCRAM', { skip }, () => {
  let producer: Producer;
  let consumer: Consumer;
  const scored: string[] = [];
  const services: ServiceProcess[] = [];

  before(async () => {
    const kafka = new Kafka({
      clientId: runName,
      brokers: infra.brokers,
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    consumer = kafka.consumer({ groupId: `${runName}_reader`, maxWaitTimeInMs: 100 });
    await Promise.all([
      producer.connect(),
      consumer.connect(),
      ensureTopics(infra.brokers, [Topics.ConversationMessages, Topics.SentimentScores]),
    ]);
    await consumer.subscribe({ topics: [Topics.SentimentScores], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void scored.push(message.key?.toString() ?? ''),
    });
  });

  after(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await Promise.all([producer?.disconnect(), consumer?.disconnect()]);
  });

  it('connects with the credentials from a secret file, joins its group and does its work', async () => {
    const service = await startSentiment(`${runName}_good`, sasl!.password);
    services.push(service);
    await service.waitUntilReady();

    const conversationId = uniqueName('conv');
    const recorded = createEvent(
      'handoff.conversation.message.recorded',
      {
        conversationId,
        tenantId: 'acme',
        language: 'en',
        channel: 'web',
        message: {
          messageId: 'm1',
          sender: 'customer',
          text: 'This is great, thank you',
          sentAt: new Date().toISOString(),
        },
        variables: {},
      },
      { source: '/integration-tests' },
    );
    await producer.send({
      topic: Topics.ConversationMessages,
      messages: [{ key: conversationId, value: JSON.stringify(recorded) }],
    });
    await eventually(
      'the score published through the secured connection',
      () => scored.includes(conversationId),
      30_000,
    );
  });

  it('with a wrong password stays alive but not ready, saying the authentication failed, and never logs the password', async () => {
    const wrong = `wrong-${uniqueName('pw')}`;
    const name = `${runName}_bad`;
    const service = await startSentiment(name, wrong);
    services.push(service);

    const ready = await eventually(
      'a readiness report naming the SASL failure',
      async () => {
        const report = await service.health('ready').catch(() => undefined);
        return (
          report &&
          /SASL SCRAM SHA512 authentication failed/.test(JSON.stringify(report.body)) &&
          report
        );
      },
      30_000,
    );
    assert.equal(ready.status, 503);
    assert.equal((await service.health('live')).status, 200);
    await service.stop();
    assert.ok(
      !readFileSync(join(logDir, `${name}.log`), 'utf8').includes(wrong),
      'the password never reaches the log',
    );
  });
});
