import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import {
  deskResultType,
  listOffersType,
  Topics,
  type DeskResult,
  type ListOffers,
} from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import { startServiceUnderTest, TopicRecorder } from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { RoutingAppModule } from '../app.module.js';
import { loadRoutingConfig } from '../config.js';
import { OfferRecord, OfferSchema, OfferStore } from './offer-store.js';
import type { Offer } from './offers.js';

const dbName = uniqueName('int_routing_offer_lists');
const tenantId = `tenant_${dbName}`;
const otherTenantId = `other_${dbName}`;
const infra = integrationInfra();
const results = new TopicRecorder(infra.brokers, `${dbName}_results`);
const now = Date.now();
let app: INestApplication;

/** Routing on the real broker and store; presence is never asked (no conversation waits). */
async function startRouting(): Promise<INestApplication> {
  const config = loadRoutingConfig({
    ...infra.serviceEnv,
    KAFKA_CLIENT_ID: dbName,
    KAFKA_GROUP_ID: dbName,
    MONGO_DB: dbName,
    PRESENCE_GRPC_URL: '127.0.0.1:9',
  });
  return startServiceUnderTest(RoutingAppModule.forRoot(config), {
    brokers: infra.brokers,
    groupId: dbName,
    topics: config.messaging.topics,
  });
}

/**
 * The partition of the queue topic each tenant's key lands on, as the owner that stored the
 * offers knew it: the topic is made first if no other test has made it.
 */
async function queuePartitions(): Promise<(tenant: string) => number> {
  const admin = new Kafka({ brokers: infra.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic: Topics.RoutingQueue, numPartitions: 6 }],
      waitForLeaders: true,
    });
    const [found] = (await admin.fetchTopicMetadata({ topics: [Topics.RoutingQueue] })).topics;
    const partitionMetadata = found!.partitions;
    const partitioner = Partitioners.DefaultPartitioner();
    return (tenant) =>
      partitioner({
        topic: Topics.RoutingQueue,
        partitionMetadata,
        message: { key: tenant, value: null },
      });
  } finally {
    await admin.disconnect();
  }
}

/** An offer a previous owner of the tenant stored, made `secondsAgo` and open for ten minutes. */
function storedOffer(
  tenant: string,
  conversationId: string,
  agentId: string,
  secondsAgo: number,
): Offer {
  return {
    offerId: `offer-${conversationId}`,
    agentId,
    displayName: agentId,
    offeredAt: new Date(now - secondsAgo * 1000),
    expiresAt: new Date(now + 600_000),
    entry: {
      escalationId: `esc-${conversationId}`,
      conversationId,
      tenantId: tenant,
      requirements: { language: 'es', skills: [] },
      priority: 0,
      enqueuedAt: new Date(now - 120_000),
      queue: 'default',
      declinedBy: [],
      admitted: true,
      stored: false,
    },
    stored: false,
  };
}

const listOffers = (tenant: string, agentId: string): ListOffers => ({
  commandId: uniqueName('list'),
  tenantId: tenant,
  agentId,
  requestedAt: new Date().toISOString(),
});

/** The first answer to the request; with `listing`, the first that lists offers. */
const answerTo = (request: ListOffers, listing = false) =>
  eventually(`the answer to ${request.agentId}'s list`, () =>
    results.messages
      .map((message) => JSON.parse(message.value!.toString()))
      .filter((event) => event.type === deskResultType)
      .map((event) => event.data as DeskResult)
      .find(
        (result) =>
          result.commandId === request.commandId && (!listing || (result.offers ?? []).length > 0),
      ),
  );

const listed = (result: DeskResult) =>
  result.offers!.map(({ conversationId, queue, language, offeredAt, expiresAt }) => ({
    conversationId,
    queue,
    language,
    offeredAt,
    expiresAt,
  }));

describe('routing lists an agent its pending offers against a real broker and store', () => {
  before(async () => {
    // Stored before routing starts, as a previous owner of the tenants left them: the instance
    // given their partition loads them into memory when it joins.
    const connection = await mongoose.createConnection(infra.mongoUrl, { dbName }).asPromise();
    const store = new OfferStore(connection.model<OfferRecord>(OfferRecord.name, OfferSchema));
    const partitionOf = await queuePartitions();
    await store.append(
      [
        storedOffer(tenantId, 'c-new', 'ana', 20),
        storedOffer(tenantId, 'c-old', 'ana', 60),
        storedOffer(tenantId, 'c-bo', 'bo', 40),
      ],
      partitionOf(tenantId),
    );
    await store.append(
      [storedOffer(otherTenantId, 'c-other', 'ana', 30)],
      partitionOf(otherTenantId),
    );
    await connection.close();
    app = await startRouting();
    await results.start([Topics.AgentCommandResults]);
  });

  after(async () => {
    await results.stop();
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
  });

  it("answers with the agent's offers, oldest first, not another agent's nor another tenant's", async () => {
    const request = listOffers(tenantId, 'ana');
    await app.get(EventPublisher).emit(listOffersType, request);

    const result = await answerTo(request, true);
    assert.equal(result.status, 'done');
    assert.equal(result.command, listOffersType);
    assert.equal(result.tenantId, tenantId);
    assert.equal(result.agentId, 'ana');
    assert.deepEqual(
      listed(result),
      ['c-old', 'c-new'].map((conversationId) => {
        const offer = storedOffer(
          tenantId,
          conversationId,
          'ana',
          conversationId === 'c-old' ? 60 : 20,
        );
        return {
          conversationId,
          queue: 'default',
          language: 'es',
          offeredAt: offer.offeredAt!.toISOString(),
          expiresAt: offer.expiresAt.toISOString(),
        };
      }),
    );
    assert.equal(result.offers![0]!.offerId, 'offer-c-old');
  });

  it("lists the same agent id of another tenant only that tenant's offer, and none for an agent without", async () => {
    const other = listOffers(otherTenantId, 'ana');
    const carl = listOffers(tenantId, 'carl');
    await app.get(EventPublisher).emit(listOffersType, other);
    await app.get(EventPublisher).emit(listOffersType, carl);

    assert.deepEqual(
      (await answerTo(other, true)).offers!.map(({ conversationId }) => conversationId),
      ['c-other'],
    );
    const none = await answerTo(carl);
    assert.equal(none.status, 'done');
    assert.deepEqual(none.offers, []);
  });
});
