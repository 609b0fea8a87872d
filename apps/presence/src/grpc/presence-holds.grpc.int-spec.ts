import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import {
  type ConfirmReservationRequest,
  type ConfirmReservationResponse__Output,
  type ReleaseCapacityRequest,
  type ReleaseCapacityResponse__Output,
} from '@handoff/contracts';
import { eventually, uniqueName } from '@handoff/service-kit/testing';
import { AgentsService } from '../agents/agents.service.js';
import { reservationId } from '../reservations/reservation.schema.js';
import { assertGrpcError, PresenceOverGrpc } from './presence-grpc.fixtures.js';

const under = new PresenceOverGrpc('int_presence_holds');
const tenantId = under.tenantId;

const releaseCapacity = (request: ReleaseCapacityRequest) =>
  under.call<ReleaseCapacityRequest, ReleaseCapacityResponse__Output>('ReleaseCapacity', request);
const confirmReservation = (request: ConfirmReservationRequest) =>
  under.call<ConfirmReservationRequest, ConfirmReservationResponse__Output>(
    'ConfirmReservation',
    request,
  );
const placeHeld = async (conversationId: string, holdMs: number, language = 'da') =>
  (
    await under.call<
      {
        tenantId: string;
        placements: { conversationId: string; language: string; holdMs: number }[];
      },
      { placed: { reserved: boolean; agentId: string }[] }
    >('ReserveBest', { tenantId, placements: [{ conversationId, language, holdMs }] })
  ).placed[0]!;
const storedReservation = (conversationId: string) => under.storedReservation(conversationId);
const agentIs = (agentId: string, changes: Parameters<PresenceOverGrpc['agentIs']>[1]) =>
  under.agentIs(agentId, changes);

describe('presence holds and traces over a real gRPC socket, backed by a real store', () => {
  before(() => under.start());

  after(() => under.stop());

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
    await under
      .reservations()
      .insertMany([hold(stillHeld, farAhead), hold(ranOut, Date.now() - 1_000)]);

    const restarted = await under.restarted();
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
      await under.call('ReleaseCapacity', { tenantId, conversationId: 'conv-x' }, traced);
      await under.call('ConfirmReservation', { tenantId, conversationId: 'conv-y' });
      await assert.rejects(
        under.call('FindCandidates', { tenantId }, traced),
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
});
