import type { ConversationState, OpenSurvey } from '../conversations/conversation-states.js';

/** Something that changes who holds a conversation, with when it happened. */
export type HolderChange =
  | { kind: 'assigned'; agentId: string; displayName?: string; at: number }
  | { kind: 'released'; at: number };

/** Decision outcomes that take the conversation away from its agent (to another, or to the bot). */
const releasingOutcomes = new Set(['transferred', 'deflected', 'expired', 'abandoned']);

/** What a routing decision means for the holder, if anything ("queued" after an assignment is stale). */
export function holderChangeOf(decision: {
  outcome: string;
  agentId?: string;
  agentDisplayName?: string;
  decidedAt: Date;
}): HolderChange | undefined {
  const at = decision.decidedAt.getTime();
  if (decision.outcome === 'assigned' && decision.agentId)
    return {
      kind: 'assigned',
      agentId: decision.agentId,
      ...(decision.agentDisplayName ? { displayName: decision.agentDisplayName } : {}),
      at,
    };
  return releasingOutcomes.has(decision.outcome) ? { kind: 'released', at } : undefined;
}

/**
 * Applies a change unless a later one is already known: decisions and releases come from
 * different topics, so an older one may arrive last.
 */
export function applyHolderChange(state: ConversationState, change: HolderChange): void {
  const latest = Math.max(state.holder?.since ?? -Infinity, state.releasedAt ?? -Infinity);
  if (change.at < latest) return;
  if (change.kind === 'assigned') {
    state.holder = {
      agentId: change.agentId,
      ...(change.displayName ? { displayName: change.displayName } : {}),
      since: change.at,
    };
    delete state.releasedAt;
  } else {
    delete state.holder;
    state.releasedAt = change.at;
  }
}

/** Folds a conversation's stored changes, in any order, into who holds it now. */
export function foldHolder(state: ConversationState, changes: readonly HolderChange[]): void {
  for (const change of [...changes].sort((a, b) => a.at - b.at)) applyHolderChange(state, change);
}

/** The survey a resolution opened, unless the customer already answered it. */
export function openSurveyOf(
  resolution: { agentId: string; escalationId?: string; triggers: string[] } | undefined,
  answered: boolean,
): OpenSurvey | undefined {
  if (!resolution || answered) return undefined;
  return {
    agentId: resolution.agentId,
    ...(resolution.escalationId ? { escalationId: resolution.escalationId } : {}),
    triggers: [...resolution.triggers],
  };
}
