import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { AgentAvailabilityChanged } from '@handoff/contracts';
import type { EventPublisher } from '@handoff/messaging';
import { AgentDirectory } from '../agents/agent-directory.js';
import { agent, heldPlacement } from '../agents/agent.fixtures.js';
import type { Reservation } from '../reservations/reservation.schema.js';
import { reservationId } from '../reservations/reservation.schema.js';
import type { ReservationWriter } from '../reservations/reservation-writer.js';
import { ReservationsService } from '../reservations/reservations.service.js';
import { HoldWatch } from './hold-watch.js';

/** A store in memory, that fails while told to. */
class FakeWriter {
  readonly stored = new Map<string, Reservation>();
  failing = false;

  async save(reservation: Reservation): Promise<void> {
    this.fail();
    this.stored.set(reservation._id, reservation);
  }

  async remove(id: string): Promise<void> {
    this.fail();
    this.stored.delete(id);
  }

  async confirm(id: string): Promise<void> {
    this.fail();
    const reservation = this.stored.get(id);
    if (reservation) delete reservation.heldUntil;
  }

  private fail(): void {
    if (this.failing) throw new Error('store unavailable');
  }
}

describe('held reservations', () => {
  let directory: AgentDirectory;
  let writer: FakeWriter;
  let reservations: ReservationsService;
  let sent: { data: AgentAvailabilityChanged; id: string }[];
  let publishing: boolean;
  let watch: HoldWatch;

  beforeEach(() => {
    directory = new AgentDirectory();
    directory.apply(agent('ana', { capacity: 2 }));
    writer = new FakeWriter();
    reservations = new ReservationsService(directory, writer as unknown as ReservationWriter);
    sent = [];
    publishing = true;
    const publisher = {
      emit: async (_type: string, data: AgentAvailabilityChanged, id: string) => {
        if (!publishing) throw new Error('broker down');
        sent.push({ data, id });
      },
    } as unknown as EventPublisher;
    watch = new HoldWatch(directory, reservations, publisher);
  });

  afterEach(() => watch.onModuleDestroy());

  const storedHold = (conversationId: string) =>
    writer.stored.get(reservationId('acme', conversationId))?.heldUntil?.getTime();

  it('stores a held slot with its deadline, and confirms it for good, once, in memory and in the store', async () => {
    await reservations.placeBest('acme', [heldPlacement('c1', 500)], 1_000);
    assert.equal(storedHold('c1'), 1_500);

    assert.equal(await reservations.confirm('acme', 'c1'), 'ana');
    assert.equal(storedHold('c1'), undefined);
    assert.equal(directory.heldUntil('acme', 'c1'), undefined);
    writer.failing = true;
    assert.equal(await reservations.confirm('acme', 'c1'), 'ana', 'again: nothing to write');
    assert.equal(await reservations.confirm('acme', 'unknown'), undefined);
  });

  it('keeps the hold when its confirmation cannot be stored, so the caller may retry', async () => {
    await reservations.placeBest('acme', [heldPlacement('c1', 500)], 1_000);
    writer.failing = true;

    await assert.rejects(reservations.confirm('acme', 'c1'), /store unavailable/);

    assert.equal(directory.heldUntil('acme', 'c1'), 1_500);
    writer.failing = false;
    assert.equal(await reservations.confirm('acme', 'c1'), 'ana');
    assert.equal(storedHold('c1'), undefined);
  });

  it('gives back held slots whose hold ran out, in memory and in the store, and tells routing', async () => {
    directory.apply(agent('bo', { capacity: 1 }));
    await reservations.placeBest(
      'acme',
      [heldPlacement('c1', 500), heldPlacement('c2', 500)],
      1_000,
    );
    await reservations.placeBest('acme', [heldPlacement('c3', 0)], 1_000);
    await reservations.confirm('acme', 'c2');
    const holder = directory.holderOf('acme', 'c1')!.agentId;

    assert.equal(await watch.check(1_499), 0, 'not due yet');
    assert.equal(await watch.check(1_500), 1);

    assert.equal(directory.holderOf('acme', 'c1'), undefined);
    assert.equal(writer.stored.has(reservationId('acme', 'c1')), false);
    assert.ok(
      ['c2', 'c3'].every((id) => directory.holderOf('acme', id)),
      'confirmed and plain slots stay',
    );
    assert.deepEqual(
      sent.map(({ data }) => [data.agentId, data.cause, data.freeSlots]),
      [[holder, 'hold_expired', directory.get('acme', holder)!.freeSlots]],
    );
    assert.equal(await watch.check(2_000), 0, 'given back once');
    assert.equal(await reservations.confirm('acme', 'c1'), undefined, 'too late to confirm');
  });

  it('keeps a held slot whose removal cannot be stored, and gives it back at a later sweep', async () => {
    await reservations.placeBest('acme', [heldPlacement('c1', 500)], 1_000);
    writer.failing = true;

    assert.equal(await watch.check(2_000), 0);
    assert.equal(directory.holderOf('acme', 'c1')?.agentId, 'ana');
    assert.equal(directory.heldUntil('acme', 'c1'), 1_500, 'still held, with its deadline');

    writer.failing = false;
    assert.equal(await watch.check(2_250), 1);
    assert.equal(writer.stored.size, 0);
    assert.equal(sent.length, 1);
  });

  it('announces at a later sweep a slot given back while the broker was down', async () => {
    await reservations.placeBest('acme', [heldPlacement('c1', 500)], 1_000);
    publishing = false;

    assert.equal(await watch.check(2_000), 1);
    assert.equal(sent.length, 0);

    publishing = true;
    await watch.check(2_250);
    await watch.check(2_500);
    assert.deepEqual(
      sent.map(({ data }) => [data.agentId, data.cause, data.freeSlots]),
      [['ana', 'hold_expired', 2]],
      'announced once',
    );
  });
});
