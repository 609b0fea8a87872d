import type { ConversationSignals } from './conversation-signals.js';

/**
 * The signals of recently active conversations, least recently used first out. A conversation
 * dropped here is read again from the store the next time one of its messages arrives.
 */
export class SignalsCache {
  private readonly entries = new Map<string, ConversationSignals>();

  constructor(private readonly capacity: number) {}

  get(key: string): ConversationSignals | undefined {
    const signals = this.entries.get(key);
    if (signals) {
      this.entries.delete(key);
      this.entries.set(key, signals);
    }
    return signals;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  put(key: string, signals: ConversationSignals): void {
    this.entries.delete(key);
    this.entries.set(key, signals);
    while (this.entries.size > this.capacity)
      this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Forgets a conversation, e.g. after a failed batch, so memory never runs ahead of the store. */
  delete(key: string): void {
    this.entries.delete(key);
  }
}
