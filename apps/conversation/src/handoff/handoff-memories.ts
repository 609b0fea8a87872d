import type { HandoffMemory } from './decision-effects.js';

/**
 * Handoffs this instance follows, by conversation, the most recently touched last; the oldest is
 * forgotten past `capacity`. Decisions are keyed by conversation, so one instance sees all of a
 * conversation's decisions (until a rebalance, after which the first one is taken as new).
 */
export class HandoffMemories {
  private readonly memories = new Map<string, HandoffMemory>();

  constructor(private readonly capacity = 50_000) {}

  get(conversationId: string): HandoffMemory | undefined {
    return this.memories.get(conversationId);
  }

  /** Remembers (or, given undefined, forgets) a conversation's handoff. */
  set(conversationId: string, memory: HandoffMemory | undefined): void {
    this.memories.delete(conversationId);
    if (!memory) return;
    this.memories.set(conversationId, memory);
    if (this.memories.size > this.capacity)
      this.memories.delete(this.memories.keys().next().value!);
  }
}
