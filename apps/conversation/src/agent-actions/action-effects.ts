import {
  agentMessageSentType,
  commandResultType,
  conversationClosedType,
  conversationControlRequestedType,
  deriveId,
  handoffRatedType,
  type EventDataByType,
  type EventType,
} from '@handoff/contracts';
import type { ConversationState } from '../conversations/conversation-states.js';
import type { MessageRecord, ReleaseRecord } from '../conversations/conversation.records.js';
import type { ConversationAction } from './decide-action.js';

/** An event to publish, with the id that makes a redelivery's copy recognisable. */
export interface Effect<K extends EventType = EventType> {
  type: K;
  data: EventDataByType[K];
  id: string;
}

function effect<K extends EventType>(type: K, data: EventDataByType[K], id: string): Effect<K> {
  return { type, data, id };
}

/** The answer to a command: done, or refused with the reason. */
export function commandResult(
  action: ConversationAction,
  refusal: string | undefined,
  decidedAt: string,
): Effect {
  const { commandId, tenantId, agentId, conversationId } = action.data;
  return effect(
    commandResultType,
    {
      commandId,
      tenantId,
      agentId,
      conversationId,
      status: refusal === undefined ? 'done' : 'refused',
      ...(refusal !== undefined ? { reason: refusal } : {}),
      decidedAt,
    },
    deriveId('result', commandId),
  );
}

/** The agent's message, out to the bot platform for delivery on the conversation's channel. */
export function messageEffect(message: MessageRecord, state: ConversationState): Effect {
  return effect(
    agentMessageSentType,
    {
      messageId: message.messageId,
      conversationId: message.conversationId,
      tenantId: message.tenantId,
      agentId: message.agentId!,
      ...(state.holder?.displayName ? { agentDisplayName: state.holder.displayName } : {}),
      channel: state.channel,
      text: message.text,
      sentAt: message.sentAt.toISOString(),
    },
    deriveId('sent', message._id),
  );
}

/**
 * What letting a conversation go publishes: it closes for presence and routing (the agent's slot
 * comes back), the bot is told to resume with the agent's summary, and the agent's answer to "was
 * this handoff needed?" goes to analytics. The customer's notice is the caller's (templates).
 */
export function releaseEffects(release: ReleaseRecord): Effect[] {
  const { conversationId, tenantId, agentId } = release;
  const at = release.at.toISOString();
  const resolved = release.kind === 'resolved';
  const effects: Effect[] = [
    effect(
      conversationClosedType,
      { conversationId, tenantId, reason: release.kind, closedAt: at },
      deriveId('closed', release._id),
    ),
    effect(
      conversationControlRequestedType,
      {
        conversationId,
        tenantId,
        action: 'resume_bot',
        reason: resolved ? 'resolved' : 'handed_back',
        agentId,
        ...(release.summary ? { summary: release.summary } : {}),
        requestedAt: at,
      },
      deriveId('control', release._id),
    ),
  ];
  if (release.handoffNeeded !== undefined)
    effects.push(
      effect(
        handoffRatedType,
        {
          conversationId,
          tenantId,
          agentId,
          ...(release.escalationId ? { escalationId: release.escalationId } : {}),
          triggers: release.triggers,
          needed: release.handoffNeeded,
          ratedAt: at,
        },
        deriveId('rated', conversationId, release._id),
      ),
    );
  return effects;
}
