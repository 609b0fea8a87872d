import {
  addNoteType,
  deriveId,
  resolveConversationType,
  returnToBotType,
  sendAgentMessageType,
  type AddNote,
  type ResolveConversation,
  type ReturnToBot,
  type SendAgentMessage,
} from '@handoff/contracts';
import type { ConversationState } from '../conversations/conversation-states.js';
import type { NoteRecord } from '../conversations/context.records.js';
import type { MessageRecord, ReleaseRecord } from '../conversations/conversation.records.js';

/** The agent commands about a conversation that the conversation service carries out. */
export type ConversationAction =
  | { type: typeof sendAgentMessageType; data: SendAgentMessage }
  | { type: typeof addNoteType; data: AddNote }
  | { type: typeof resolveConversationType; data: ResolveConversation }
  | { type: typeof returnToBotType; data: ReturnToBot };

export const conversationActionTypes: ReadonlySet<string> = new Set([
  sendAgentMessageType,
  addNoteType,
  resolveConversationType,
  returnToBotType,
]);

/** Why the conversation reached an agent, remembered with a release for the feedback it causes. */
export interface EscalationSummary {
  escalationId: string;
  triggers: string[];
}

/**
 * How long a command for a conversation nobody holds yet may wait for its assignment: the desk
 * saw routing's decision, which may reach this service a moment later than the command.
 */
export const assignmentWaitMs = 5_000;

export type ActionOutcome =
  | { refused: string; mayWaitForAssignment?: boolean }
  | { message: MessageRecord }
  | { note: NoteRecord }
  | { release: ReleaseRecord };

/**
 * Decides an agent's command against what memory knows of the conversation. Only the agent who
 * holds it may write to the customer or let it go; a note needs only the tenant's conversation.
 * Applying the outcome (holder cleared, survey opened) is left to applyOutcome, once it is stored.
 */
export function decideAction(
  action: ConversationAction,
  state: ConversationState | undefined,
  escalation: EscalationSummary | undefined,
): ActionOutcome {
  const { conversationId, tenantId, agentId, commandId } = action.data;
  if (!state || state.tenantId !== tenantId)
    return { refused: `tenant ${tenantId} has no conversation ${conversationId}` };
  const at = new Date(action.data.requestedAt);
  if (action.type === addNoteType)
    return {
      note: {
        _id: deriveId('note', commandId),
        conversationId,
        tenantId,
        agentId,
        text: action.data.text,
        at,
      },
    };
  if (!state.holder)
    return {
      refused: `conversation ${conversationId} is not with an agent`,
      // Not when an agent let it go after the command was sent: that is no late assignment.
      mayWaitForAssignment: (state.releasedAt ?? -Infinity) < at.getTime(),
    };
  if (state.holder.agentId !== agentId)
    return { refused: `conversation ${conversationId} is held by another agent` };
  if (action.type === sendAgentMessageType)
    return {
      message: {
        _id: deriveId('msg', conversationId, commandId),
        conversationId,
        tenantId,
        messageId: deriveId('agent-msg', commandId),
        sender: 'agent',
        agentId,
        text: action.data.text,
        sentAt: at,
        // Not from the bot platform's partition: the transcript places it by time (conversation-view.ts).
        seq: -1,
      },
    };
  const resolved = action.type === resolveConversationType;
  return {
    release: {
      _id: deriveId('release', commandId),
      conversationId,
      tenantId,
      agentId,
      commandId,
      kind: resolved ? 'resolved' : 'returned_to_bot',
      ...(resolved ? { disposition: action.data.disposition } : {}),
      ...(action.data.summary ? { summary: action.data.summary } : {}),
      ...(action.data.handoffNeeded !== undefined
        ? { handoffNeeded: action.data.handoffNeeded }
        : {}),
      ...(escalation ? { escalationId: escalation.escalationId } : {}),
      triggers: escalation?.triggers ?? [],
      at,
    },
  };
}

/** What a stored release means for memory: nobody holds the conversation; a resolution asks for CSAT. */
export function applyRelease(state: ConversationState, release: ReleaseRecord): void {
  const at = release.at.getTime();
  if ((state.holder?.since ?? -Infinity) > at) return;
  delete state.holder;
  state.releasedAt = at;
  if (release.kind === 'resolved')
    state.survey = {
      agentId: release.agentId,
      ...(release.escalationId ? { escalationId: release.escalationId } : {}),
      triggers: [...release.triggers],
    };
}
