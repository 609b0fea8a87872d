import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import {
  HealthGrpc,
  PresenceGrpc,
  protoLoaderOptions,
  type AgentStatusChanged,
  type ConfirmReservationRequest,
  type ConfirmReservationResponse__Output,
  type FindCandidatesRequest,
  type FindCandidatesResponse__Output,
  type HealthServingStatus,
  type ReleaseCapacityRequest,
  type ReleaseCapacityResponse__Output,
  type ReserveCapacityRequest,
  type ReserveCapacityResponse__Output,
} from '@handoff/contracts';
import { KafkaStartup } from '@handoff/messaging';
import {
  eventually,
  freeLoopbackPort,
  integrationInfra,
  uniqueName,
} from '@handoff/service-kit/testing';
import type { Connection, Model } from 'mongoose';
import { AgentsService } from '../agents/agents.service.js';
import { PresenceAppModule } from '../app.module.js';
import { loadPresenceConfig } from '../config.js';
import { Reservation, reservationId } from '../reservations/reservation.schema.js';
import { connectGrpcServer } from './grpc-server.js';

const dbName = uniqueName('int_presence_grpc');
const tenantId = `tenant_${dbName}`;
const callDeadlineMs = 5000;
let app: INestApplication;
let presence: grpc.Client;
let health: grpc.Client;

type ServiceClient = new (address: string, credentials: grpc.ChannelCredentials) => grpc.Client;
type UnaryMethod<Request, Response> = (
  request: Request,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: grpc.requestCallback<Response>,
) => grpc.ClientUnaryCall;

function serviceClient(protoFile: string, packageName: string, serviceName: string): ServiceClient {
  const loaded = grpc.loadPackageDefinition(
    loadSync(join(PresenceGrpc.protoRoot, protoFile), protoLoaderOptions),
  );
  const found = [...packageName.split('.'), serviceName].reduce<any>(
    (namespace, part) => namespace?.[part],
    loaded,
  );
  assert.equal(typeof found, 'function', `${packageName}.${serviceName} is in ${protoFile}`);
  return found as ServiceClient;
}

/** One unary call over the socket, as any gRPC client makes it, with a deadline. */
function unary<Request, Response>(
  client: grpc.Client,
  method: string,
  request: Request,
  metadata = new grpc.Metadata(),
): Promise<Response> {
  const send = (client as unknown as Record<string, UnaryMethod<Request, Response>>)[method]!;
  return new Promise((resolve, reject) => {
    send.call(
      client,
      request,
      metadata,
      { deadline: Date.now() + callDeadlineMs },
      (error, response) => (error ? reject(error) : resolve(response!)),
    );
  });
}

const findCandidates = (request: FindCandidatesRequest) =>
  unary<FindCandidatesRequest, FindCandidatesResponse__Output>(presence, 'FindCandidates', request);
const reserveCapacity = (request: ReserveCapacityRequest) =>
  unary<ReserveCapacityRequest, ReserveCapacityResponse__Output>(
    presence,
    'ReserveCapacity',
    request,
  );
const releaseCapacity = (request: ReleaseCapacityRequest) =>
  unary<ReleaseCapacityRequest, ReleaseCapacityResponse__Output>(
    presence,
    'ReleaseCapacity',
    request,
  );
const reserveBest = (request: {
  tenantId?: string;
  placements?: {
    conversationId?: string;
    language?: string;
    skills?: { name: string; minProficiency: number }[];
    strategy?: string;
    preferredAgentId?: string;
    preferredOnly?: boolean;
    otherLanguages?: string[];
  }[];
}) =>
  unary<
    typeof request,
    {
      placed: {
        conversationId: string;
        reserved: boolean;
        agentId: string;
        onlineAgents: number;
        matchingAgents: number;
      }[];
    }
  >(presence, 'ReserveBest', request);
const confirmReservation = (request: ConfirmReservationRequest) =>
  unary<ConfirmReservationRequest, ConfirmReservationResponse__Output>(
    presence,
    'ConfirmReservation',
    request,
  );
const placeHeld = async (conversationId: string, holdMs: number, language = 'da') =>
  (
    await unary<
      {
        tenantId: string;
        placements: { conversationId: string; language: string; holdMs: number }[];
      },
      { placed: { reserved: boolean; agentId: string }[] }
    >(presence, 'ReserveBest', { tenantId, placements: [{ conversationId, language, holdMs }] })
  ).placed[0]!;
const storedReservation = (conversationId: string) =>
  app
    .get<Model<Reservation>>(getModelToken(Reservation.name))
    .findById(reservationId(tenantId, conversationId))
    .lean();
const checkHealth = (service: string) =>
  unary<{ service: string }, { status: HealthServingStatus }>(health, 'Check', { service });

async function agentIs(agentId: string, changes: Partial<AgentStatusChanged>): Promise<void> {
  await app.get(AgentsService).applyStatus({
    agentId,
    tenantId,
    displayName: agentId,
    status: 'online',
    skills: [],
    languages: ['en'],
    capacity: 1,
    ...changes,
  });
}

function assertGrpcError(code: grpc.status, details?: RegExp) {
  return (error: unknown) => {
    const serviceError = error as grpc.ServiceError;
    assert.equal(
      serviceError.code,
      code,
      `expected ${grpc.status[code]}, got ${grpc.status[serviceError.code]}: ${serviceError.details}`,
    );
    if (details) assert.match(serviceError.details, details);
    return true;
  };
}

/** Presence over the test's store, serving gRPC on the port; its consumers are not started. */
async function startPresence(clientId: string, port: number): Promise<INestApplication> {
  const infra = integrationInfra();
  const config = loadPresenceConfig({
    KAFKA_BROKERS: infra.kafkaBrokers,
    KAFKA_CLIENT_ID: clientId,
    KAFKA_GROUP_ID: clientId,
    MONGO_URL: infra.mongoUrl,
    MONGO_DB: dbName,
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: String(port),
  });
  const moduleRef = await Test.createTestingModule({
    imports: [PresenceAppModule.forRoot(config)],
  }).compile();
  const started = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
  connectGrpcServer(started, config.grpcUrl);
  await started.init();
  await started.get(KafkaStartup).ready;
  await started.startAllMicroservices();
  return started;
}

describe('presence over a real gRPC socket, backed by a real store', () => {
  before(async () => {
    const port = await freeLoopbackPort();
    app = await startPresence(dbName, port);

    const address = `127.0.0.1:${port}`;
    const Presence = serviceClient(
      PresenceGrpc.protoFile,
      PresenceGrpc.packageName,
      PresenceGrpc.serviceName,
    );
    const Health = serviceClient(
      HealthGrpc.protoFile,
      HealthGrpc.packageName,
      HealthGrpc.serviceName,
    );
    presence = new Presence(address, grpc.credentials.createInsecure());
    health = new Health(address, grpc.credentials.createInsecure());

    await agentIs('ana', { skills: [{ name: 'billing', proficiency: 4 }], capacity: 2 });
    await agentIs('bo', { skills: [{ name: 'billing', proficiency: 2 }], languages: ['en', 'es'] });
    await agentIs('cy', { skills: [{ name: 'billing', proficiency: 5 }], languages: ['es'] });
    await agentIs('dee', { skills: [{ name: 'billing', proficiency: 5 }], status: 'offline' });
  });

  after(async () => {
    presence?.close();
    health?.close();
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
  });

  it('serves grpc.health.v1 for the server and the Presence service, and nothing else', async () => {
    assert.equal((await checkHealth('')).status, 'SERVING');
    assert.equal((await checkHealth(PresenceGrpc.fullServiceName)).status, 'SERVING');
    assert.equal((await checkHealth('handoff.routing.v1.Routing')).status, 'SERVICE_UNKNOWN');
  });

  it('finds online agents of the tenant who speak the language and hold the skill', async () => {
    const found = await findCandidates({
      tenantId,
      language: 'en',
      skills: [{ name: 'billing', minProficiency: 3 }],
    });

    assert.equal(found.onlineAgents, 3, 'ana, bo and cy are online');
    assert.equal(found.matchingAgents, 1);
    assert.deepEqual(found.candidates, [
      {
        agentId: 'ana',
        displayName: 'ana',
        proficiency: 4,
        activeChats: 0,
        capacity: 2,
        lastAssignedAtMs: '0',
      },
    ]);

    const anyone = await findCandidates({ tenantId, language: 'en', skills: [], limit: 1 });
    assert.equal(anyone.matchingAgents, 2);
    assert.equal(anyone.candidates.length, 1, 'the limit is applied');

    const otherTenant = await findCandidates({
      tenantId: `other_${tenantId}`,
      language: 'en',
      skills: [],
    });
    assert.deepEqual(otherTenant, { candidates: [], onlineAgents: 0, matchingAgents: 0 });
  });

  it('reserves a slot once per conversation and gives it back on release', async () => {
    const conversationId = uniqueName('conv');
    const reserved = await reserveCapacity({ tenantId, agentId: 'ana', conversationId });
    assert.deepEqual(reserved, {
      reserved: true,
      agentId: 'ana',
      displayName: 'ana',
      activeChats: 1,
    });
    assert.deepEqual(
      await reserveCapacity({ tenantId, agentId: 'ana', conversationId }),
      reserved,
      'a retried call holds the same slot',
    );

    const [ana] = (
      await findCandidates({
        tenantId,
        language: 'en',
        skills: [{ name: 'billing', minProficiency: 3 }],
      })
    ).candidates;
    assert.equal(ana?.activeChats, 1);
    assert.ok(Number(ana?.lastAssignedAtMs) > 0);

    assert.deepEqual(await releaseCapacity({ tenantId, conversationId }), {
      released: true,
      agentId: 'ana',
    });
    assert.deepEqual(await releaseCapacity({ tenantId, conversationId }), {
      released: false,
      agentId: '',
    });
    const [released] = (
      await findCandidates({
        tenantId,
        language: 'en',
        skills: [{ name: 'billing', minProficiency: 3 }],
      })
    ).candidates;
    assert.equal(released?.activeChats, 0);
  });

  it('gives the last slot to exactly one of ten concurrent callers', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        reserveCapacity({ tenantId, agentId: 'bo', conversationId: uniqueName('conv') }),
      ),
    );
    assert.equal(outcomes.filter((outcome) => outcome.reserved).length, 1);
    assert.ok(
      outcomes.filter((outcome) => !outcome.reserved).every((outcome) => outcome.activeChats === 0),
    );
  });

  it('places conversations in order with the best free agent, one call for all, and says why the rest wait', async () => {
    await agentIs('ed', {
      skills: [{ name: 'refunds', proficiency: 3 }],
      languages: ['pt'],
      capacity: 1,
    });
    const [first, second] = [uniqueName('conv'), uniqueName('conv')];
    const refunds = [{ name: 'refunds', minProficiency: 1 }];
    const { placed } = await reserveBest({
      tenantId,
      placements: [
        { conversationId: first, language: 'pt-BR', skills: refunds },
        { conversationId: second, language: 'pt-BR', skills: refunds },
      ],
    });
    assert.deepEqual(
      placed.map(({ conversationId, reserved, agentId }) => [conversationId, reserved, agentId]),
      [
        [first, true, 'ed'],
        [second, false, ''],
      ],
      'a pt-BR conversation reaches a pt agent; the second finds him full',
    );
    assert.equal(placed[1]!.matchingAgents, 1);
    assert.ok(placed[1]!.onlineAgents >= 1);
    await assert.rejects(
      reserveBest({ tenantId, placements: [{ conversationId: uniqueName('conv') }] }),
      assertGrpcError(grpc.status.INVALID_ARGUMENT, /placement 0: missing language/),
    );
  });

  it('places by the strategy each placement names', async () => {
    const french = { language: 'fr', skills: [{ name: 'claims', minProficiency: 1 }] };
    await agentIs('fr-expert', {
      skills: [{ name: 'claims', proficiency: 5 }],
      languages: ['fr'],
      capacity: 3,
    });
    await agentIs('fr-junior', {
      skills: [{ name: 'claims', proficiency: 1 }],
      languages: ['fr'],
      capacity: 4,
    });
    const placeOne = async (placement: {
      strategy: string;
      preferredAgentId?: string;
      preferredOnly?: boolean;
    }) => {
      const { placed } = await reserveBest({
        tenantId,
        placements: [{ conversationId: uniqueName('conv'), ...french, ...placement }],
      });
      return placed[0]!.reserved ? placed[0]!.agentId : 'queued';
    };
    const roundRobin = [];
    for (let turn = 0; turn < 3; turn++)
      roundRobin.push(await placeOne({ strategy: 'round_robin' }));
    assert.deepEqual(
      roundRobin,
      ['fr-expert', 'fr-junior', 'fr-expert'],
      'round_robin takes turns',
    );
    assert.equal(await placeOne({ strategy: 'most_skilled' }), 'fr-expert');
    assert.equal(
      await placeOne({ strategy: 'least_loaded' }),
      'fr-junior',
      '1 of 4 in use against 3 of 3',
    );
    assert.equal(
      await placeOne({
        strategy: 'preferred_agent',
        preferredAgentId: 'fr-junior',
        preferredOnly: true,
      }),
      'fr-junior',
    );
    assert.equal(
      await placeOne({
        strategy: 'preferred_agent',
        preferredAgentId: 'fr-expert',
        preferredOnly: true,
      }),
      'queued',
      'the preferred agent is full and no one else will do',
    );
    assert.equal(
      await placeOne({ strategy: 'preferred_agent', preferredAgentId: 'fr-expert' }),
      'fr-junior',
      'without preferred_only, the most skilled free agent',
    );
  });

  it('places with an agent of an other language the placement accepts, its own language first', async () => {
    const claims = [{ name: 'claims-nl', minProficiency: 1 }];
    await agentIs('it-speaker', {
      skills: [{ name: 'claims-nl', proficiency: 3 }],
      languages: ['it-CH'],
      capacity: 2,
    });
    const placeDutch = async (otherLanguages?: string[]) => {
      const { placed } = await reserveBest({
        tenantId,
        placements: [
          { conversationId: uniqueName('conv'), language: 'nl', skills: claims, otherLanguages },
        ],
      });
      return placed[0]!.reserved ? placed[0]!.agentId : 'queued';
    };
    assert.equal(await placeDutch(), 'queued', 'no Dutch speaker');
    assert.equal(await placeDutch(['de', 'it']), 'it-speaker', 'Italian will do');
    await agentIs('nl-speaker', {
      skills: [{ name: 'claims-nl', proficiency: 3 }],
      languages: ['nl'],
      capacity: 4,
    });
    for (let held = 0; held < 3; held++)
      await reserveCapacity({
        tenantId,
        agentId: 'nl-speaker',
        conversationId: uniqueName('conv'),
      });
    assert.equal(
      await placeDutch(['it']),
      'nl-speaker',
      'as skilled, though more loaded (3 of 4 against 1 of 2): the language asked for first',
    );
  });

  it('holds a slot placed with hold_ms until confirmed, and gives back one not confirmed in time', async () => {
    await agentIs('dane', { languages: ['da'], capacity: 1 });
    const [confirmed, abandoned] = [uniqueName('conv'), uniqueName('conv')];

    const placed = await placeHeld(confirmed, 500);
    assert.deepEqual([placed.reserved, placed.agentId], [true, 'dane']);
    const heldUntil = (await storedReservation(confirmed))?.heldUntil;
    assert.ok(heldUntil, 'stored with its deadline');
    const again = await placeHeld(confirmed, 60_000);
    assert.deepEqual(
      [again.reserved, again.agentId],
      [true, 'dane'],
      'placed again: the same slot',
    );
    assert.deepEqual(
      (await storedReservation(confirmed))?.heldUntil,
      heldUntil,
      'and the same hold',
    );
    assert.deepEqual(await confirmReservation({ tenantId, conversationId: confirmed }), {
      confirmed: true,
      agentId: 'dane',
    });
    assert.deepEqual(
      await confirmReservation({ tenantId, conversationId: confirmed }),
      { confirmed: true, agentId: 'dane' },
      'confirmed again: the same answer',
    );
    assert.equal((await storedReservation(confirmed))?.heldUntil, undefined, 'held for good');
    assert.deepEqual(await releaseCapacity({ tenantId, conversationId: confirmed }), {
      released: true,
      agentId: 'dane',
    });

    assert.equal((await placeHeld(abandoned, 500)).agentId, 'dane');
    assert.equal((await placeHeld(uniqueName('conv'), 500)).reserved, false, 'dane is full');
    await eventually('the hold ran out', async () => !(await storedReservation(abandoned)));
    assert.deepEqual(await confirmReservation({ tenantId, conversationId: abandoned }), {
      confirmed: false,
      agentId: '',
    });
    assert.equal(
      (await placeHeld(uniqueName('conv'), 500)).agentId,
      'dane',
      'the slot is free again',
    );
    await assert.rejects(
      confirmReservation({ tenantId, conversationId: '' }),
      assertGrpcError(grpc.status.INVALID_ARGUMENT, /conversationId/),
    );
  });

  it('reloads held slots with their deadlines after a restart, and gives back one that ran out meanwhile', async () => {
    await agentIs('finn', { languages: ['fi'], capacity: 2 });
    const [stillHeld, ranOut] = [uniqueName('conv'), uniqueName('conv')];
    const hold = (conversationId: string, heldUntil: number) => ({
      _id: reservationId(tenantId, conversationId),
      tenantId,
      conversationId,
      agentId: 'finn',
      reservedAt: new Date(),
      channel: 'chat',
      heldUntil: new Date(heldUntil),
    });
    const farAhead = Date.now() + 3_600_000;
    // Written to the store only, as if taken before a crash: the running instance never saw them.
    await app
      .get<Model<Reservation>>(getModelToken(Reservation.name))
      .insertMany([hold(stillHeld, farAhead), hold(ranOut, Date.now() - 1_000)]);

    const restarted = await startPresence(uniqueName('restarted'), await freeLoopbackPort());
    try {
      const directory = restarted.get(AgentsService).directory;
      await eventually('the reservations loaded', () => directory.holderOf(tenantId, stillHeld));
      assert.equal(directory.heldUntil(tenantId, stillHeld), farAhead);
      await eventually(
        'the hold that ran out given back',
        async () => !directory.holderOf(tenantId, ranOut) && !(await storedReservation(ranOut)),
      );
      assert.equal(directory.get(tenantId, 'finn')?.conversations.size, 1);
    } finally {
      await restarted.close();
    }
  });

  it("continues the caller's trace from the traceparent in the call's metadata, in a server span", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    const [traceId, callerSpanId] = ['5bf92f3577b34da6a3ce929d0e0e4736', '10f067aa0ba902b7'];
    try {
      const traced = new grpc.Metadata();
      traced.set('traceparent', `00-${traceId}-${callerSpanId}-01`);
      await unary(presence, 'ReleaseCapacity', { tenantId, conversationId: 'conv-x' }, traced);
      await unary(presence, 'ConfirmReservation', { tenantId, conversationId: 'conv-y' });
      await assert.rejects(
        unary(presence, 'FindCandidates', { tenantId }, traced),
        assertGrpcError(grpc.status.INVALID_ARGUMENT),
      );
    } finally {
      trace.disable();
      propagation.disable();
      context.disable();
    }
    const spans = exporter.getFinishedSpans().filter((span) => span.name.startsWith('Presence/'));
    assert.deepEqual(
      spans.map((span) => [
        span.name,
        span.kind,
        span.spanContext().traceId === traceId,
        span.parentSpanContext?.spanId,
        span.status.code,
      ]),
      [
        ['Presence/ReleaseCapacity', SpanKind.SERVER, true, callerSpanId, SpanStatusCode.UNSET],
        ['Presence/ConfirmReservation', SpanKind.SERVER, false, undefined, SpanStatusCode.UNSET],
        ['Presence/FindCandidates', SpanKind.SERVER, true, callerSpanId, SpanStatusCode.ERROR],
      ],
      'a call without a traceparent starts a trace of its own',
    );
    await provider.shutdown();
  });

  it('answers INVALID_ARGUMENT, naming the fields, when required fields are missing', async () => {
    await assert.rejects(
      findCandidates({ tenantId, skills: [] }),
      assertGrpcError(grpc.status.INVALID_ARGUMENT, /language/),
    );
    await assert.rejects(
      reserveCapacity({ tenantId, conversationId: uniqueName('conv') }),
      assertGrpcError(grpc.status.INVALID_ARGUMENT, /agentId/),
    );
    await assert.rejects(
      releaseCapacity({}),
      assertGrpcError(grpc.status.INVALID_ARGUMENT, /tenantId, conversationId/),
    );
  });
});
