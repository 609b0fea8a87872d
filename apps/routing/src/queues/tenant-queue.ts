import type { RoutingEnqueued } from '@handoff/contracts';

/** A conversation waiting for an agent, as its tenant's queue holds it. */
export interface QueueEntry {
  escalationId: string;
  conversationId: string;
  tenantId: string;
  channel?: string;
  requirements: RoutingEnqueued['requirements'];
  priority: number;
  enqueuedAt: Date;
  /** Agents who declined it or let its offer run out: it is never offered to them again. */
  declinedBy: string[];
  /** A queued decision has told the customer they wait, with their place. */
  announced: boolean;
  /** Kept in the store (it waited, or was loaded from there): leaving the queue deletes it. */
  stored: boolean;
}

/** An entry as the store keeps it: without what only this instance's memory knows. */
export type StoredEntry = Omit<QueueEntry, 'announced' | 'stored'>;

export function storedFields({ announced: _, stored: __, ...kept }: QueueEntry): StoredEntry {
  return kept;
}

/** Served first: the highest priority, then the longest waiting, then by escalation id. */
export function servedBefore(a: QueueEntry, b: QueueEntry): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  const waited = a.enqueuedAt.getTime() - b.enqueuedAt.getTime();
  if (waited !== 0) return waited < 0;
  return a.escalationId < b.escalationId;
}

/**
 * One tenant's waiting conversations, in the order they are served. A conversation waits once:
 * a second escalation of a conversation already waiting changes nothing.
 */
export class TenantQueue {
  private entries: QueueEntry[] = [];
  private readonly byConversation = new Map<string, QueueEntry>();

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
    while (index > 0 && servedBefore(entry, this.entries[index - 1]!)) index--;
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

  /** Place in the queue, 1 being served next. */
  positionOf(conversationId: string): number | undefined {
    const index = this.entries.findIndex((entry) => entry.conversationId === conversationId);
    return index < 0 ? undefined : index + 1;
  }

  /** The first `limit` entries in serving order. */
  head(limit: number): QueueEntry[] {
    return this.entries.slice(0, limit);
  }
}
