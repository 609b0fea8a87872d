import type { RoutingDecided, RoutingEnqueued } from '@handoff/contracts';

/** A conversation waiting for an agent, as its tenant's queue holds it. */
export interface QueueEntry {
  escalationId: string;
  conversationId: string;
  tenantId: string;
  channel?: string;
  requirements: RoutingEnqueued['requirements'];
  priority: number;
  enqueuedAt: Date;
  /** The queue it entered (empty: the tenant's first queue); relaxation may move it on from there. */
  queue: string;
  preferredAgentId?: string;
  /** Transferred to this agent: only they will do. */
  transferTo?: string;
  /** Agents who declined it or let its offer run out: it is never offered to them again. */
  declinedBy: string[];
  /** It passed the queue's admission (open, not full, someone could serve it): it waits. */
  admitted: boolean;
  /** What the customer was last told: place, estimated wait and when; absent until told. */
  announced?: {
    reason: NonNullable<RoutingDecided['queue']>['reason'];
    position: number;
    estimatedWaitSeconds?: number;
    at: number;
  };
  /** The queue it waits in now (after overflow) and the agents who fit it when last tried. */
  current?: { queue: string; matchingAgents: number };
  /** Kept in the store (it waited, or was loaded from there): leaving the queue deletes it. */
  stored: boolean;
}

/** An entry as the store keeps it: without what only this instance's memory knows. */
export type StoredEntry = Omit<QueueEntry, 'admitted' | 'announced' | 'current' | 'stored'>;

export function storedFields({
  admitted: _,
  announced: __,
  current: ___,
  stored: ____,
  ...kept
}: QueueEntry): StoredEntry {
  return kept;
}

/** A stored entry back in memory: it was admitted before it was stored. */
export function loadedEntry(stored: Omit<StoredEntry, 'queue'> & { queue?: string }): QueueEntry {
  return {
    ...stored,
    queue: stored.queue ?? '',
    enqueuedAt: new Date(stored.enqueuedAt),
    declinedBy: stored.declinedBy ?? [],
    admitted: true,
    stored: false,
  };
}

/**
 * Served first: the earliest once priority is counted as waiting time (each level is worth
 * `agingMs` of waiting, so a low priority that waited long enough goes before a fresh high one and
 * nothing starves), then by escalation id.
 */
export function servedBefore(a: QueueEntry, b: QueueEntry, agingMs: number): boolean {
  const due = a.enqueuedAt.getTime() - a.priority * agingMs;
  const otherDue = b.enqueuedAt.getTime() - b.priority * agingMs;
  if (due !== otherDue) return due < otherDue;
  return a.escalationId < b.escalationId;
}

/**
 * One tenant's waiting conversations, all its queues together, in the order they are served. A
 * conversation waits once: a second escalation of a conversation already waiting changes nothing.
 */
export class TenantQueue {
  private entries: QueueEntry[] = [];
  private readonly byConversation = new Map<string, QueueEntry>();

  constructor(private readonly agingMs = 60_000) {}

  get size(): number {
    return this.entries.length;
  }

  has(conversationId: string): boolean {
    return this.byConversation.has(conversationId);
  }

  /** Adds an entry in its place; false when the conversation already waits. */
  add(entry: QueueEntry): boolean {
    if (this.byConversation.has(entry.conversationId)) return false;
    let index = this.entries.length;
    while (index > 0 && servedBefore(entry, this.entries[index - 1]!, this.agingMs)) index--;
    this.entries.splice(index, 0, entry);
    this.byConversation.set(entry.conversationId, entry);
    return true;
  }

  remove(conversationId: string): QueueEntry | undefined {
    const entry = this.byConversation.get(conversationId);
    if (!entry) return undefined;
    this.byConversation.delete(conversationId);
    this.entries = this.entries.filter((waiting) => waiting !== entry);
    return entry;
  }

  /** Place among those waiting in the same queue, 1 being served next. */
  positionOf(conversationId: string): number | undefined {
    const entry = this.byConversation.get(conversationId);
    if (!entry) return undefined;
    const queue = queueOf(entry);
    let position = 0;
    for (const waiting of this.entries) {
      if (queueOf(waiting) === queue) position++;
      if (waiting === entry) return position;
    }
    return undefined;
  }

  /** Every entry with its place in its queue, in serving order. */
  *positions(): Iterable<[QueueEntry, number]> {
    const counts = new Map<string, number>();
    for (const entry of this.entries) {
      const position = (counts.get(queueOf(entry)) ?? 0) + 1;
      counts.set(queueOf(entry), position);
      yield [entry, position];
    }
  }

  /** The first `limit` entries in serving order. */
  head(limit: number): QueueEntry[] {
    return this.entries.slice(0, limit);
  }

  all(): readonly QueueEntry[] {
    return this.entries;
  }
}

function queueOf(entry: QueueEntry): string {
  return entry.current?.queue ?? entry.queue;
}
