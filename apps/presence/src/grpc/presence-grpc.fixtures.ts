// Presence served over a real gRPC socket on the real store, and raw gRPC clients to call it, for
// the integration tests of the gRPC surface.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import {
  HealthGrpc,
  PresenceGrpc,
  protoLoaderOptions,
  type AgentStatusChanged,
} from '@handoff/contracts';
import { KafkaStartup } from '@handoff/messaging';
import { freeLoopbackPort, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import type { Connection, Model } from 'mongoose';
import { AgentsService } from '../agents/agents.service.js';
import { PresenceAppModule } from '../app.module.js';
import { loadPresenceConfig } from '../config.js';
import { Reservation, reservationId } from '../reservations/reservation.schema.js';
import { connectGrpcServer } from './grpc-server.js';

const callDeadlineMs = 5000;

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
export function unary<Request, Response>(
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

export function assertGrpcError(code: grpc.status, details?: RegExp) {
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

/** Presence over a database of its own, serving gRPC on a free port; its consumers are not started. */
export class PresenceOverGrpc {
  readonly dbName: string;
  readonly tenantId: string;
  app!: INestApplication;
  presence!: grpc.Client;
  health!: grpc.Client;

  constructor(dbPrefix: string) {
    this.dbName = uniqueName(dbPrefix);
    this.tenantId = `tenant_${this.dbName}`;
  }

  async start(): Promise<void> {
    const port = await freeLoopbackPort();
    this.app = await this.startOn(this.dbName, port);
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
    this.presence = new Presence(address, grpc.credentials.createInsecure());
    this.health = new Health(address, grpc.credentials.createInsecure());
  }

  async stop(): Promise<void> {
    this.presence?.close();
    this.health?.close();
    await this.app?.get<Connection>(getConnectionToken()).dropDatabase();
    await this.app?.close();
  }

  /** Another presence instance on the same store, as after a restart. */
  async restarted(): Promise<INestApplication> {
    return this.startOn(uniqueName('restarted'), await freeLoopbackPort());
  }

  /** A Presence method called over the socket. */
  call<Request, Response>(method: string, request: Request, metadata?: grpc.Metadata) {
    return unary<Request, Response>(this.presence, method, request, metadata);
  }

  /** Applies the agent's status as the status topic would: online, English, one chat, unless changed. */
  async agentIs(agentId: string, changes: Partial<AgentStatusChanged>): Promise<void> {
    await this.app.get(AgentsService).applyStatus({
      agentId,
      tenantId: this.tenantId,
      displayName: agentId,
      status: 'online',
      skills: [],
      languages: ['en'],
      capacity: 1,
      ...changes,
    });
  }

  reservations(): Model<Reservation> {
    return this.app.get<Model<Reservation>>(getModelToken(Reservation.name));
  }

  storedReservation(conversationId: string) {
    return this.reservations().findById(reservationId(this.tenantId, conversationId)).lean();
  }

  private async startOn(clientId: string, port: number): Promise<INestApplication> {
    const infra = integrationInfra();
    const config = loadPresenceConfig({
      ...infra.serviceEnv,
      KAFKA_CLIENT_ID: clientId,
      KAFKA_GROUP_ID: clientId,
      MONGO_DB: this.dbName,
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
}
