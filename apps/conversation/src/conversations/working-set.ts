import { UnknownConversationError } from './ingest-errors.js';
import type { ConversationState, ConversationStates } from './conversation-states.js';

/** The conversations one batch works on: found in memory or loaded, or started by the batch. */
export class WorkingSet {
  private readonly working = new Map<string, ConversationState>();

  constructor(
    private readonly states: ConversationStates,
    private readonly loaded: ReadonlyMap<string, ConversationState>,
    /** Filled as the batch changes conversations, so a failure can drop them from memory. */
    private readonly touched: Set<string>,
  ) {}

  get(conversationId: string): ConversationState | undefined {
    const state =
      this.working.get(conversationId) ??
      this.loaded.get(conversationId) ??
      this.states.get(conversationId);
    if (state) this.put(conversationId, state);
    return state;
  }

  put(conversationId: string, state: ConversationState): void {
    this.touched.add(conversationId);
    this.working.set(conversationId, state);
  }

  /** Kept in memory only once the whole batch is applied, so the cache never evicts what the batch uses. */
  keep(partition: number): void {
    for (const [conversationId, state] of this.working)
      this.states.set(conversationId, partition, state);
  }
}

/** The conversation an event names, of the event's tenant; anything else is rejected. */
export function conversationOf(
  working: WorkingSet,
  conversationId: string,
  tenantId: string,
  eventId: string,
): ConversationState {
  const conversation = working.get(conversationId);
  if (!conversation || conversation.tenantId !== tenantId)
    throw new UnknownConversationError(conversationId, tenantId, eventId);
  return conversation;
}
