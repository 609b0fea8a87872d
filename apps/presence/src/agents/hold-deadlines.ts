import { tenantKey } from './agent-entry.js';

/** A slot a conversation only holds: given back at `heldUntil` unless confirmed before. */
export interface HeldSlot {
  tenantId: string;
  conversationId: string;
  /** Epoch milliseconds. */
  heldUntil: number;
}

/**
 * The deadlines of held slots, by conversation. A conversation that holds a slot without a
 * deadline here holds it for good (confirmed, or taken without a hold).
 */
export class HoldDeadlines {
  private readonly byConversation = new Map<string, HeldSlot>();

  get size(): number {
    return this.byConversation.size;
  }

  set(tenantId: string, conversationId: string, heldUntil: number): void {
    this.byConversation.set(tenantKey(tenantId, conversationId), {
      tenantId,
      conversationId,
      heldUntil,
    });
  }

  get(tenantId: string, conversationId: string): number | undefined {
    return this.byConversation.get(tenantKey(tenantId, conversationId))?.heldUntil;
  }

  /** Forgets the conversation's deadline; returns it, if it had one. */
  delete(tenantId: string, conversationId: string): number | undefined {
    const key = tenantKey(tenantId, conversationId);
    const heldUntil = this.byConversation.get(key)?.heldUntil;
    this.byConversation.delete(key);
    return heldUntil;
  }

  /** Held slots whose deadline has passed by `now`. */
  *dueBy(now: number): Iterable<HeldSlot> {
    for (const held of this.byConversation.values()) if (held.heldUntil <= now) yield held;
  }
}
