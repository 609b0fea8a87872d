// npm run bench:routing: one routing replica's decisions against a real presence process (over
// gRPC) holding 10,000 online agents of one tenant, with the real store. Prints figures and ends
// with `routing: <n> decisions/s, p99 <ms> ms, grpc round trip p99 <ms> ms`. Never asserts a time.
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import {
  agentStatusChangedType,
  createEvent,
  HealthGrpc,
  PresenceGrpc,
  protoLoaderOptions,
  Topics,
} from '@handoff/contracts';
import { PartitionOwnership, type EventPublisher } from '@handoff/messaging';
import { ClientProxyFactory, Transport, type ClientGrpc } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import mongoose, { type Model } from 'mongoose';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PresenceClient } from '../presence-client/presence.client.js';
import { QueueEntryRecord, QueueEntrySchema } from '../queues/queue-entry.schema.js';
import { OfferRecord, OfferSchema, OfferStore } from '../queues/offer-store.js';
import { OfferTimers } from '../queues/offer-timers.js';
import { QueueCatalog } from '../queue-config/queue-catalog.js';
import { QueueDueTimers } from '../queues/queue-due-timers.js';
import { QueueRouter, type Routed } from '../queues/queue-router.js';
import { QueueStore } from '../queues/queue-store.js';
import { SeededRandom } from '@handoff/service-kit';
import { benchAgents, benchEscalation } from './bench-agents.js';
import { describe, startPresence, Stopwatch, storeName } from './bench-support.js';

const agentCount = Number(process.env['BENCH_AGENTS'] ?? 10_000);
const singles = Number(process.env['BENCH_DECISIONS'] ?? 3_000);
const batchSize = 100;
const batches = Number(process.env['BENCH_BATCHES'] ?? 60);
const releaseShare = 0.9;

const runId = `rb${Date.now().toString(36)}`;
const tenantId = `bench-${runId}`;
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const mongoUrl = process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017';

function rawClient<T>(
  protoFile: string,
  packageName: string,
  serviceName: string,
  address: string,
): T {
  const loaded = grpc.loadPackageDefinition(
    loadSync(join(PresenceGrpc.protoRoot, protoFile), protoLoaderOptions),
  ) as Record<string, any>;
  const Service = [...packageName.split('.'), serviceName].reduce<any>(
    (namespace, part) => namespace[part],
    loaded,
  ) as grpc.ServiceClientConstructor;
  return new Service(address, grpc.credentials.createInsecure()) as unknown as T;
}

function unary<Q, R>(client: any, method: string, request: Q): Promise<R> {
  return new Promise((resolve, reject) =>
    client[method](request, { deadline: Date.now() + 5_000 }, (error: Error | null, reply: R) =>
      error ? reject(error) : resolve(reply),
    ),
  );
}

async function loadAgents(random: SeededRandom): Promise<void> {
  const kafka = new Kafka({ clientId: `bench-${runId}`, brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const agents = benchAgents(tenantId, agentCount, random);
  for (let start = 0; start < agents.length; start += 1_000) {
    await producer.send({
      topic: Topics.AgentStatus,
      acks: -1,
      messages: agents.slice(start, start + 1_000).map((agent) => ({
        key: agent.agentId,
        value: JSON.stringify(
          createEvent(agentStatusChangedType, agent, { source: '/bench/routing' }),
        ),
      })),
    });
  }
  await producer.disconnect();
}

async function main(): Promise<void> {
  const random = new SeededRandom(42);
  const presence = await startPresence(runId, brokers, mongoUrl);
  try {
    const loadStarted = performance.now();
    await loadAgents(random);
    await presence.untilKnows(tenantId, agentCount);
    const connection = await mongoose
      .createConnection(mongoUrl, { dbName: `${runId}_routing` })
      .asPromise();
    const store = await storeName(connection);
    console.log(`routing bench on ${store}, kafka ${brokers.join(',')}`);
    console.log(
      `${agentCount} online agents of one tenant (100 skills, 20 languages, capacity 1-5) in presence after ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
    );

    const health = rawClient(
      HealthGrpc.protoFile,
      HealthGrpc.packageName,
      HealthGrpc.serviceName,
      presence.grpcAddress,
    );
    const raw = rawClient(
      PresenceGrpc.protoFile,
      PresenceGrpc.packageName,
      PresenceGrpc.serviceName,
      presence.grpcAddress,
    );
    const roundTrip = new Stopwatch();
    for (let index = 0; index < 2_000; index++)
      await roundTrip.time(() => unary(health, 'Check', { service: '' }));
    const search = new Stopwatch();
    for (let index = 0; index < 2_000; index++) {
      const { requirements } = benchEscalation(tenantId, index, random);
      await search.time(() =>
        unary(raw, 'FindCandidates', { tenantId, ...requirements, limit: 5 }),
      );
    }
    console.log(`bare gRPC round trip (grpc.health.v1 Check): ${describe(roundTrip)}`);
    console.log(
      `FindCandidates at ${agentCount} agents (search + round trip): ${describe(search)}`,
    );

    const grpcClient = ClientProxyFactory.create({
      transport: Transport.GRPC,
      options: {
        url: presence.grpcAddress,
        package: PresenceGrpc.packageName,
        protoPath: join(PresenceGrpc.protoRoot, PresenceGrpc.protoFile),
        loader: protoLoaderOptions,
      },
    });
    const presenceClient = new PresenceClient(grpcClient as unknown as ClientGrpc, 5_000);
    presenceClient.onModuleInit();
    const parts = {
      reserveBest: new Stopwatch(),
      queue: new Stopwatch(),
    };
    const queueStore = new QueueStore(
      connection.model(
        QueueEntryRecord.name,
        QueueEntrySchema,
      ) as unknown as Model<QueueEntryRecord>,
    );
    const timed = <T extends object, K extends keyof T>(target: T, method: K, watch: Stopwatch) => {
      const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
      target[method] = ((...args: unknown[]) => watch.time(() => original(...args))) as T[K];
    };
    timed(presenceClient, 'reserveBest', parts.reserveBest);
    timed(queueStore, 'append', parts.queue);
    timed(queueStore, 'remove', parts.queue);
    const breakdown = (count: number) => {
      const mean = (watch: Stopwatch) => (watch.totalMs / count).toFixed(2);
      return (
        `ReserveBest over gRPC (search, reservation stored) ${mean(parts.reserveBest)} ms, ` +
        `queue store ${mean(parts.queue)} ms`
      );
    };
    // Offers off: the figure is for placing conversations (accepting an offer is the agent's time).
    const router = new QueueRouter(
      presenceClient,
      queueStore,
      new OfferStore(
        connection.model(OfferRecord.name, OfferSchema) as unknown as Model<OfferRecord>,
      ),
      new OfferTimers(undefined as unknown as EventPublisher),
      // Queue deadlines (held position updates, longest waits) are announced off the measured path.
      new QueueDueTimers({ emit: async () => undefined } as unknown as EventPublisher),
      new QueueCatalog(),
      200,
      0,
      new PartitionOwnership(),
    );

    const held: string[] = [];
    const outcomes = new Map<string, number>();
    const drains = new Stopwatch();
    // A decision's store deletions wait until it is published; the consumer runs them right after.
    const settled = async (routing: Promise<Routed>) => {
      const routed = await routing;
      await routed.forget();
      return routed;
    };
    const note = ({ decisions: decided }: Routed) => {
      for (const decision of decided) {
        outcomes.set(decision.outcome, (outcomes.get(decision.outcome) ?? 0) + 1);
        if (decision.outcome === 'assigned') held.push(decision.conversationId);
      }
      return decided.length;
    };
    // Conversations end and their slots come back, then the queue is drained, as routing does when
    // presence announces the availability: one at a time below, a batch at a time further down.
    const turnOver = async (count: number) => {
      const ending = Array.from(
        { length: Math.min(count, held.length) },
        () => held.splice(random.int(0, held.length - 1), 1)[0]!,
      );
      if (ending.length === 0) return 0;
      await Promise.all(
        ending.map((conversationId) => unary(raw, 'ReleaseCapacity', { tenantId, conversationId })),
      );
      return note(await drains.time(() => settled(router.drain(tenantId, 0))));
    };

    const single = new Stopwatch();
    let counter = 0;
    for (let index = 0; index < singles; index++) {
      const escalation = benchEscalation(tenantId, counter++, random);
      const enqueued = [{ kind: 'enqueued' as const, data: escalation }];
      note(await single.time(() => settled(router.apply(tenantId, 0, enqueued))));
      if (random.next() < releaseShare) await turnOver(1);
    }
    console.log(`one escalation at a time (${singles}): ${describe(single)} per decision`);
    console.log(`  where the time goes, mean per decision: ${breakdown(singles)}`);
    console.log(`  drains after a release: ${describe(drains)}`);

    for (const watch of [...Object.values(parts), drains]) watch.reset();
    const perCall = new Stopwatch();
    let decided = 0;
    const started = performance.now();
    for (let batch = 0; batch < batches; batch++) {
      const changes = Array.from({ length: batchSize }, () => ({
        kind: 'enqueued' as const,
        data: benchEscalation(tenantId, counter++, random),
      }));
      decided += note(await perCall.time(() => settled(router.apply(tenantId, 0, changes))));
      decided += await turnOver(Math.round(batchSize * releaseShare));
    }
    const elapsedS = (performance.now() - started) / 1000;
    // The releases stand for presence's own work (conversations closing); routing's time is the rest.
    const decidingS = (perCall.totalMs + drains.totalMs) / 1000;
    const rate = decided / decidingS;
    console.log(
      `batches of ${batchSize} escalations (${batches}), releases and drains between: ${decided} decisions, ` +
        `${decidingS.toFixed(1)} s deciding of ${elapsedS.toFixed(1)} s; ${describe(perCall)} per batch of ${batchSize}`,
    );
    console.log(`  where the time goes, per batch: ${breakdown(batches)}`);
    console.log(
      `outcomes: ${[...outcomes].map(([outcome, n]) => `${outcome} ${n}`).join(', ')}; ` +
        `waiting in the queue at the end: ${router.waiting(tenantId)}`,
    );
    console.log(
      `routing: ${Math.round(rate)} decisions/s, p99 ${single.p99.toFixed(2)} ms, grpc round trip p99 ${roundTrip.p99.toFixed(2)} ms`,
    );
    grpcClient.close();
    (health as grpc.Client).close();
    (raw as grpc.Client).close();
    await connection.dropDatabase();
    await connection.close();
  } finally {
    await presence.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
