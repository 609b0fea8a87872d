export type VariableValue = string | number | boolean;

/** An empty map of variables by name. */
export function emptyVariables(): Record<string, VariableValue> {
  return {};
}

/**
 * Sets a variable as an own property, whatever its name: the contract allows `__proto__` and
 * `constructor`, which a plain assignment would treat as the object's prototype or miss.
 */
export function setVariable(
  variables: Record<string, VariableValue>,
  name: string,
  value: VariableValue,
): void {
  Object.defineProperty(variables, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export function copyVariables(
  variables: Record<string, VariableValue>,
): Record<string, VariableValue> {
  return Object.fromEntries(Object.entries(variables));
}

/** A satisfaction survey sent after an agent resolved the conversation, awaiting the answer. */
export interface OpenSurvey {
  agentId: string;
  escalationId?: string;
  triggers: string[];
}

/** What the hot path needs to know about a conversation, kept in memory by the partition's owner. */
export interface ConversationState {
  tenantId: string;
  language: string;
  channel: string;
  variables: Record<string, VariableValue>;
  /** The agent who holds the conversation now; absent while the bot has it. */
  holder?: { agentId: string; displayName?: string; since: number };
  /** When the last agent let it go, so an older assignment arriving late does not win. */
  releasedAt?: number;
  survey?: OpenSurvey;
  /** The customer's tier, from the start or a later profile, for the escalation rules. */
  customerTier?: string;
  /** Bot fallbacks so far, flagged messages and fallback events alike. */
  fallbacks?: number;
}

/**
 * The conversations this instance owns (by partition of handoff.conversation.events.v1), most
 * recently used last. The store stays the truth: a conversation not here is loaded from it, one
 * dropped (capacity, a lost partition, a failed batch) is loaded again when next needed.
 */
export class ConversationStates {
  private readonly entries = new Map<string, { partition: number; state: ConversationState }>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(conversationId: string): ConversationState | undefined {
    const entry = this.entries.get(conversationId);
    if (!entry) return undefined;
    this.entries.delete(conversationId);
    this.entries.set(conversationId, entry);
    return entry.state;
  }

  has(conversationId: string): boolean {
    return this.entries.has(conversationId);
  }

  set(conversationId: string, partition: number, state: ConversationState): void {
    this.entries.delete(conversationId);
    this.entries.set(conversationId, { partition, state });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(conversationId: string): void {
    this.entries.delete(conversationId);
  }

  /** This instance no longer owns these partitions: another may change their conversations. */
  forgetPartitions(partitions: readonly number[]): void {
    const lost = new Set(partitions);
    for (const [conversationId, entry] of this.entries)
      if (lost.has(entry.partition)) this.entries.delete(conversationId);
  }
}
