import type { RoutingDecided } from '@handoff/contracts';

/**
 * Which agents each conversation is currently offered or assigned to, from routing's decisions,
 * so their customer's notifications and messages reach their desks. Bounded: the oldest
 * conversations are forgotten first (a closed one receives nothing more anyway).
 */
export class ConversationHolders {
  private readonly holders = new Map<string, Set<string>>();

  constructor(private readonly capacity = 100_000) {}

  apply(decision: RoutingDecided): void {
    const agentId = decision.agent?.agentId;
    switch (decision.outcome) {
      case 'offered':
      case 'assigned':
        if (agentId) this.set(decision.conversationId, agentId);
        return;
      case 'rerouted':
        if (agentId) this.remove(decision.conversationId, agentId);
        return;
      case 'transferred':
        if (decision.transfer?.fromAgentId)
          this.remove(decision.conversationId, decision.transfer.fromAgentId);
        return;
      case 'abandoned':
      case 'queued':
      case 'deflected':
      case 'expired':
        this.holders.delete(decision.conversationId);
        return;
      default:
        return;
    }
  }

  of(conversationId: string): string[] {
    return [...(this.holders.get(conversationId) ?? [])];
  }

  private set(conversationId: string, agentId: string): void {
    const agents = this.holders.get(conversationId) ?? new Set<string>();
    // Re-inserted at the end: the most recently active conversations are kept longest.
    this.holders.delete(conversationId);
    this.holders.set(conversationId, agents.add(agentId));
    if (this.holders.size > this.capacity) {
      const oldest = this.holders.keys().next().value;
      if (oldest !== undefined) this.holders.delete(oldest);
    }
  }

  private remove(conversationId: string, agentId: string): void {
    const agents = this.holders.get(conversationId);
    agents?.delete(agentId);
    if (agents?.size === 0) this.holders.delete(conversationId);
  }
}
