import { Inject, Injectable } from '@nestjs/common';
import {
  Topics,
  type RoutingDecided,
  type RoutingEnqueued,
  type RoutingWithdrawn,
} from '@handoff/contracts';
import { PartitionOwnership } from '@handoff/messaging';
import { PresenceClient } from '../presence-client/presence.client.js';
import {
  abandonedDecision,
  assignedDecision,
  queuedDecision,
  queueReason,
  type QueueReason,
} from './decisions.js';
import { QueueStore } from './queue-store.js';
import { TenantQueue, type QueueEntry } from './tenant-queue.js';

/** Most conversations placed in one call to presence. */
export const MAX_PLACEMENTS = Symbol('MAX_PLACEMENTS');

export type QueueChange =
  { kind: 'enqueued'; data: RoutingEnqueued } | { kind: 'withdrawn'; data: RoutingWithdrawn };

interface OwnedQueue {
  queue: TenantQueue;
  partition: number;
  /** Loaded from the store: whatever waits there may fit agents who freed up meanwhile. */
  unsettled: boolean;
}

/**
 * Every tenant's queue, owned by the instance that owns the tenant's partition of the queue and
 * availability topics (both keyed by tenant and assigned together), so one instance alone orders a
 * tenant's waiting conversations. New arrivals are placed at once if an agent who fits is free;
 * the rest wait, and are placed in serving order the moment presence says capacity appeared. A
 * tenant's work runs one step at a time; its queue in memory is dropped when a step fails or the
 * partition moves, and loaded again from the store. Decisions are not stored here (conversation
 * keeps them): one made again after a crash or a move has the same id and, presence being
 * idempotent per conversation, the same agent, so consumers recognise it as a duplicate.
 */
@Injectable()
export class QueueRouter {
  private readonly queues = new Map<string, OwnedQueue>();
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly presence: PresenceClient,
    private readonly store: QueueStore,
    @Inject(MAX_PLACEMENTS) private readonly maxPlacements: number,
    ownership: PartitionOwnership,
  ) {
    ownership.onRevoked((topic, partitions) => {
      if (topic !== Topics.RoutingQueue && topic !== Topics.AgentAvailability) return;
      for (const [tenantId, owned] of this.queues)
        if (partitions.includes(owned.partition)) this.queues.delete(tenantId);
    });
  }

  /** Conversations waiting in the tenant's queue now (as this instance holds it). */
  waiting(tenantId: string): number {
    return this.queues.get(tenantId)?.queue.size ?? 0;
  }

  /** Applies arrivals and departures of one tenant, in order; returns the decisions they led to. */
  apply(
    tenantId: string,
    partition: number,
    changes: readonly QueueChange[],
  ): Promise<RoutingDecided[]> {
    return this.exclusively(tenantId, async () => {
      const owned = await this.ownedQueue(tenantId, partition);
      const now = new Date();
      const arrived: QueueEntry[] = [];
      const left: QueueEntry[] = [];
      const decided: RoutingDecided[] = [];
      for (const change of changes) {
        if (change.kind === 'enqueued') {
          const entry = entryOf(change.data);
          if (owned.queue.add(entry)) arrived.push(entry);
          continue;
        }
        const entry = owned.queue.remove(change.data.conversationId);
        if (entry) {
          left.push(entry);
          decided.push(abandonedDecision(entry, now));
        }
      }
      const waiting = () => arrived.filter((entry) => owned.queue.has(entry.conversationId));
      // Those who waited before could not be placed and no capacity has appeared since, so only
      // newcomers can be placed now; a queue just loaded from the store is tried in full.
      const placing = owned.unsettled ? owned.queue.head(this.maxPlacements) : waiting();
      const placed = await this.place(owned, placing, now);
      // Only who still waits is stored: were this step to fail, the arrivals come again from Kafka.
      await this.store.append(waiting());
      await this.store.remove([...left, ...placed.assigned]);
      return [...decided, ...placed.decided];
    });
  }

  /** Capacity appeared for the tenant: places waiting conversations, first served first. */
  drain(tenantId: string, partition: number): Promise<RoutingDecided[]> {
    return this.exclusively(tenantId, async () => {
      const owned = await this.ownedQueue(tenantId, partition);
      if (owned.queue.size === 0) return [];
      const placed = await this.place(owned, owned.queue.head(this.maxPlacements), new Date());
      await this.store.remove(placed.assigned);
      return placed.decided;
    });
  }

  /**
   * Asks presence to place the entries in serving order. The assigned leave the queue; those who
   * still wait and were not told so yet get a queued decision with their place.
   */
  private async place(
    owned: OwnedQueue,
    entries: readonly QueueEntry[],
    now: Date,
  ): Promise<{ decided: RoutingDecided[]; assigned: QueueEntry[] }> {
    owned.unsettled = false;
    if (entries.length === 0) return { decided: [], assigned: [] };
    const { placed } = await this.presence.reserveBest({
      tenantId: entries[0]!.tenantId,
      placements: entries.map(({ conversationId, requirements }) => ({
        conversationId,
        language: requirements.language,
        skills: requirements.skills,
      })),
    });
    const decided: RoutingDecided[] = [];
    const assigned: QueueEntry[] = [];
    const waiting: [QueueEntry, QueueReason][] = [];
    entries.forEach((entry, index) => {
      const outcome = placed[index];
      if (outcome?.reserved) {
        owned.queue.remove(entry.conversationId);
        assigned.push(entry);
        decided.push(assignedDecision(entry, outcome, now));
      } else if (outcome && !entry.announced) waiting.push([entry, queueReason(outcome)]);
    });
    // Places are counted once the assigned have left the queue.
    for (const [entry, reason] of waiting) {
      entry.announced = true;
      const position = owned.queue.positionOf(entry.conversationId)!;
      decided.push(queuedDecision(entry, reason, position, now));
    }
    return { decided, assigned };
  }

  private async ownedQueue(tenantId: string, partition: number): Promise<OwnedQueue> {
    const known = this.queues.get(tenantId);
    if (known) return known;
    const queue = new TenantQueue();
    for (const entry of await this.store.load(tenantId)) queue.add(entry);
    const owned = { queue, partition, unsettled: queue.size > 0 };
    this.queues.set(tenantId, owned);
    return owned;
  }

  /** Runs one step of a tenant's work after the previous one; a failed step drops the queue from memory. */
  private exclusively<T>(tenantId: string, step: () => Promise<T>): Promise<T> {
    const previous = this.running.get(tenantId) ?? Promise.resolve();
    const current = previous.then(step, step).catch((error: unknown) => {
      this.queues.delete(tenantId);
      throw error;
    });
    const settled = current.catch(() => undefined);
    this.running.set(tenantId, settled);
    void settled.then(() => {
      if (this.running.get(tenantId) === settled) this.running.delete(tenantId);
    });
    return current;
  }
}

function entryOf(enqueued: RoutingEnqueued): QueueEntry {
  return {
    escalationId: enqueued.escalationId,
    conversationId: enqueued.conversationId,
    tenantId: enqueued.tenantId,
    ...(enqueued.channel ? { channel: enqueued.channel } : {}),
    requirements: enqueued.requirements,
    priority: enqueued.priority,
    enqueuedAt: new Date(enqueued.enqueuedAt),
    announced: false,
    stored: false,
  };
}
