import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { deriveId, queueDueType } from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import { Deadlines } from './deadlines.js';

/**
 * The next deadline of each tenant's queue this instance owns (a relaxation step, the end of a
 * preferred agent's wait, a longest wait, a held-back position update). When it passes, a due
 * event goes to the tenant's queue topic and the queue is looked at again when that event is
 * handled. Deadlines follow from what the store keeps (arrival times) and the queue settings, so
 * an instance taking a tenant over finds them again.
 */
@Injectable()
export class QueueDueTimers implements OnModuleDestroy {
  private readonly deadlines: Deadlines;

  constructor(publisher: EventPublisher) {
    this.deadlines = new Deadlines(publisher, 'a queue deadline');
  }

  onModuleDestroy(): void {
    this.deadlines.clear();
  }

  /** Sets the tenant's next deadline (none: nothing is due). */
  arm(tenantId: string, at: number | undefined): void {
    if (at === undefined) return this.cancel(tenantId);
    const dueAt = new Date(at).toISOString();
    this.deadlines.set(tenantId, tenantId, at, () => ({
      type: queueDueType,
      data: { tenantId, dueAt },
      id: deriveId('queue-due', tenantId, dueAt),
    }));
  }

  cancel(tenantId: string): void {
    this.deadlines.cancel(tenantId);
  }
}
