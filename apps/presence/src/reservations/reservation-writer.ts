import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { appendOnce, meter } from '@handoff/service-kit';
import type { Model } from 'mongoose';
import { Reservation } from './reservation.schema.js';

interface Pending<T> {
  item: T;
  settle: (error?: unknown) => void;
}

const writeSeconds = meter().createHistogram('handoff_reservation_write_duration_seconds', {
  description: 'Time to store a group of reservations or releases',
  unit: 's',
});

/**
 * Makes reservations durable in groups: every reservation, confirmation or release asked for while
 * the previous write is in flight goes into the next insert, update or delete, and each caller
 * hears back once its own write is stored. One store round trip serves many gRPC calls.
 */
@Injectable()
export class ReservationWriter {
  private inserts: Pending<Reservation>[] = [];
  private deletes: Pending<string>[] = [];
  private confirms: Pending<string>[] = [];
  private writing = false;

  constructor(@InjectModel(Reservation.name) private readonly reservations: Model<Reservation>) {}

  save(reservation: Reservation): Promise<void> {
    return this.enqueue(this.inserts, reservation);
  }

  remove(reservationId: string): Promise<void> {
    return this.enqueue(this.deletes, reservationId);
  }

  /** The reservation is held for good: its deadline goes (nothing happens to one released meanwhile). */
  confirm(reservationId: string): Promise<void> {
    return this.enqueue(this.confirms, reservationId);
  }

  private enqueue<T>(queue: Pending<T>[], item: T): Promise<void> {
    const stored = new Promise<void>((resolve, reject) =>
      queue.push({ item, settle: (error) => (error ? reject(error) : resolve()) }),
    );
    void this.drain();
    return stored;
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.inserts.length + this.deletes.length + this.confirms.length > 0) {
        const [inserts, deletes, confirms] = [this.inserts, this.deletes, this.confirms];
        this.inserts = [];
        this.deletes = [];
        this.confirms = [];
        await Promise.all([
          this.write(inserts, (items) => this.insert(items)),
          this.write(deletes, (ids) => this.delete(ids)),
          this.write(confirms, (ids) => this.unsetDeadlines(ids)),
        ]);
      }
    } finally {
      this.writing = false;
    }
  }

  private async write<T>(batch: Pending<T>[], store: (items: T[]) => Promise<void>): Promise<void> {
    if (batch.length === 0) return;
    try {
      const started = performance.now();
      await store(batch.map(({ item }) => item));
      writeSeconds.record((performance.now() - started) / 1000, {
        size: batch.length > 1 ? 'group' : 'single',
      });
      batch.forEach(({ settle }) => settle());
    } catch (error) {
      batch.forEach(({ settle }) => settle(error));
    }
  }

  private async insert(reservations: Reservation[]): Promise<void> {
    // Already stored (a retried call): that is the same reservation.
    await appendOnce(this.reservations, reservations);
  }

  private async delete(reservationIds: string[]): Promise<void> {
    await this.reservations.deleteMany({ _id: { $in: reservationIds } });
  }

  private async unsetDeadlines(reservationIds: string[]): Promise<void> {
    await this.reservations.updateMany(
      { _id: { $in: reservationIds } },
      { $unset: { heldUntil: 1 } },
    );
  }
}
