import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { INestApplication } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import {
  PresenceGrpc,
  protoLoaderOptions,
  type FindCandidatesRequest__Output,
  type FindCandidatesResponse,
  type ReserveCapacityRequest__Output,
  type ReserveCapacityResponse,
} from '@handoff/contracts';
import { freeLoopbackPort } from '@handoff/service-kit/testing';
import { loadRoutingConfig } from '../config.js';
import { PresenceClientModule } from './presence-client.module.js';
import { PRESENCE_GRPC, PresenceClient } from './presence.client.js';

const slowTenant = 'tenant-slow';
const serverDelayMs = 10_000;
/** Room for a busy machine: the call must end near its deadline, far sooner than the server answers. */
const schedulingSlackMs = 3000;
const deadlineMs = 1500;
let server: grpc.Server;
let app: INestApplication;
let client: PresenceClient;
const pendingReplies = new Set<NodeJS.Timeout>();
const deadlinesSeen: { method: string; remainingMs: number }[] = [];
const traceparentsSeen: string[][] = [];

/** Answers after the delay, like a presence instance stuck behind a slow store. */
function replyLater<T>(callback: grpc.sendUnaryData<T>, response: T, delayMs: number): void {
  const timer = setTimeout(() => {
    pendingReplies.delete(timer);
    callback(null, response);
  }, delayMs);
  pendingReplies.add(timer);
}

function noteDeadline(method: string, call: grpc.ServerUnaryCall<unknown, unknown>): void {
  const deadline = call.getDeadline();
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  deadlinesSeen.push({ method, remainingMs: Number.isFinite(at) ? at - Date.now() : Infinity });
}

async function startSlowPresenceServer(port: number): Promise<grpc.Server> {
  const loaded = grpc.loadPackageDefinition(
    loadSync(join(PresenceGrpc.protoRoot, PresenceGrpc.protoFile), protoLoaderOptions),
  );
  const definition = (loaded as any).handoff.presence.v1.Presence.service as grpc.ServiceDefinition;
  const presence = new grpc.Server();
  presence.addService(definition, {
    FindCandidates: (
      call: grpc.ServerUnaryCall<FindCandidatesRequest__Output, FindCandidatesResponse>,
      callback: grpc.sendUnaryData<FindCandidatesResponse>,
    ) => {
      noteDeadline('FindCandidates', call);
      const response: FindCandidatesResponse = {
        candidates: [
          {
            agentId: 'ana',
            displayName: 'Ana',
            proficiency: 4,
            activeChats: 0,
            capacity: 2,
            lastAssignedAtMs: '0',
          },
        ],
        onlineAgents: 1,
        matchingAgents: 1,
      };
      replyLater(callback, response, call.request.tenantId === slowTenant ? serverDelayMs : 0);
    },
    ReserveCapacity: (
      call: grpc.ServerUnaryCall<ReserveCapacityRequest__Output, ReserveCapacityResponse>,
      callback: grpc.sendUnaryData<ReserveCapacityResponse>,
    ) => {
      noteDeadline('ReserveCapacity', call);
      replyLater(
        callback,
        { reserved: true, agentId: call.request.agentId, displayName: 'Ana', activeChats: 1 },
        serverDelayMs,
      );
    },
    ReleaseCapacity: (
      call: grpc.ServerUnaryCall<unknown, unknown>,
      callback: grpc.sendUnaryData<{ released: boolean }>,
    ) => {
      traceparentsSeen.push(call.metadata.get('traceparent').map(String));
      callback(null, { released: true });
    },
    ReserveBest: (
      call: grpc.ServerUnaryCall<{ tenantId: string }, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) => {
      noteDeadline('ReserveBest', call);
      replyLater(
        callback,
        { placed: [] },
        call.request.tenantId === slowTenant ? serverDelayMs : 0,
      );
    },
  });
  await new Promise<void>((resolve, reject) =>
    presence.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  return presence;
}

async function failureOf(
  call: Promise<unknown>,
): Promise<{ error: grpc.ServiceError; elapsedMs: number }> {
  const startedAt = Date.now();
  try {
    await call;
  } catch (error) {
    return { error: error as grpc.ServiceError, elapsedMs: Date.now() - startedAt };
  }
  assert.fail('the call was expected to fail');
}

describe("routing's PresenceClient against a real gRPC server", () => {
  before(async () => {
    const port = await freeLoopbackPort();
    server = await startSlowPresenceServer(port);
    const config = loadRoutingConfig({
      PRESENCE_GRPC_URL: `127.0.0.1:${port}`,
      PRESENCE_DEADLINE_MS: String(deadlineMs),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [PresenceClientModule.register(config.presence)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
    await app.init();
    client = app.get(PresenceClient);
    // Connect first, so the deadlines below measure calls, not a cold channel on a busy machine.
    const channel = app
      .get<ClientGrpc>(PRESENCE_GRPC)
      .getClientByServiceName<grpc.Client>(PresenceGrpc.serviceName);
    await new Promise<void>((resolve, reject) =>
      channel.waitForReady(Date.now() + 10_000, (error) => (error ? reject(error) : resolve())),
    );
  });

  after(async () => {
    for (const timer of pendingReplies) clearTimeout(timer);
    await app?.close();
    server?.forceShutdown();
  });

  it('gets an answer from a presence server that answers in time, and sends the configured deadline with the call', async () => {
    const found = await client.findCandidates({
      tenantId: 'tenant-quick',
      language: 'en',
      skills: [],
      limit: 5,
    });

    assert.equal(found.candidates[0]?.agentId, 'ana');
    assert.equal(found.candidates[0]?.lastAssignedAtMs, '0');
    const seen = deadlinesSeen.at(-1)!;
    assert.equal(seen.method, 'FindCandidates');
    assert.ok(
      seen.remainingMs > 0 && seen.remainingMs <= deadlineMs,
      `deadline ${seen.remainingMs} ms away when it arrived`,
    );
  });

  it('fails FindCandidates with DEADLINE_EXCEEDED within the configured deadline when presence is slow', async () => {
    const { error, elapsedMs } = await failureOf(
      client.findCandidates({ tenantId: slowTenant, language: 'en', skills: [], limit: 5 }),
    );

    assert.equal(
      error.code,
      grpc.status.DEADLINE_EXCEEDED,
      `got ${grpc.status[error.code]}: ${error.details}`,
    );
    assert.ok(elapsedMs >= deadlineMs - 20, `gave up after ${elapsedMs} ms, before the deadline`);
    assert.ok(
      elapsedMs < deadlineMs + schedulingSlackMs,
      `waited ${elapsedMs} ms for a ${deadlineMs} ms deadline`,
    );
  });

  it('fails ReserveCapacity with DEADLINE_EXCEEDED too', async () => {
    const { error, elapsedMs } = await failureOf(
      client.reserveCapacity({ tenantId: slowTenant, agentId: 'ana', conversationId: 'conv-1' }),
    );

    assert.equal(
      error.code,
      grpc.status.DEADLINE_EXCEEDED,
      `got ${grpc.status[error.code]}: ${error.details}`,
    );
    assert.ok(
      elapsedMs < deadlineMs + schedulingSlackMs,
      `waited ${elapsedMs} ms for a ${deadlineMs} ms deadline`,
    );
    assert.ok(
      deadlinesSeen.some(
        (seen) => seen.method === 'ReserveCapacity' && seen.remainingMs <= deadlineMs,
      ),
    );
  });

  it('fails ReserveBest with DEADLINE_EXCEEDED too, and answers it in time for a quick tenant', async () => {
    assert.deepEqual(await client.reserveBest({ tenantId: 'tenant-quick', placements: [] }), {
      placed: [],
    });
    const { error, elapsedMs } = await failureOf(
      client.reserveBest({ tenantId: slowTenant, placements: [] }),
    );
    assert.equal(error.code, grpc.status.DEADLINE_EXCEEDED);
    assert.ok(
      elapsedMs < serverDelayMs,
      `gave up after ${elapsedMs} ms, before the server answered`,
    );
  });

  it("carries the caller's trace in the call metadata, so presence continues it", async () => {
    const contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    try {
      const caller = trace.setSpanContext(ROOT_CONTEXT, {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: TraceFlags.SAMPLED,
      });
      await context.with(caller, () =>
        client.releaseCapacity({ tenantId: 'tenant-quick', conversationId: 'conv-1' }),
      );
      await client.releaseCapacity({ tenantId: 'tenant-quick', conversationId: 'conv-2' });
    } finally {
      propagation.disable();
      context.disable();
    }
    assert.deepEqual(traceparentsSeen, [
      ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
      [],
    ]);
  });
});
