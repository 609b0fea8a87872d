import type {
  ConversationRecord,
  DecisionRecord,
  EscalationRecord,
  MessageRecord,
  VariableRecord,
} from './conversation.records.js';
import { emptyVariables, setVariable, type VariableValue } from './conversation-states.js';

export type ConversationStatus = 'bot' | 'awaiting_agent' | 'queued' | 'assigned';

/** The whole conversation as the agent receives it: who, what was said, collected, and why it escalated. */
export interface ConversationView {
  conversationId: string;
  tenantId: string;
  channel: string;
  language: string;
  customer: ConversationRecord['customer'];
  startedAt: Date;
  status: ConversationStatus;
  variables: Record<string, VariableValue>;
  transcript: {
    messageId: string;
    sender: string;
    text: string;
    sentAt: Date;
    bot?: MessageRecord['bot'];
    agentId?: string;
  }[];
  escalation?: {
    escalationId: string;
    trigger: string;
    explanation: string;
    matchedText?: string;
    messageId: string;
    sentiment: EscalationRecord['sentiment'];
    requestedAt: Date;
  };
  assignment?: {
    decisionId: string;
    outcome: string;
    agentId?: string;
    agentDisplayName?: string;
    queueReason?: string;
    decidedAt: Date;
  };
}

interface Records {
  messages: MessageRecord[];
  variables: VariableRecord[];
  escalations: EscalationRecord[];
  decisions: DecisionRecord[];
}

/** Decisions that change where the conversation stands: with an agent, waiting, or back with the bot. */
const shownOutcomes = new Set(['assigned', 'queued', 'deflected', 'expired']);

const byTime =
  <T>(time: (record: T) => Date) =>
  (a: T, b: T) =>
    time(a).getTime() - time(b).getTime();

/**
 * Folds a conversation's records into what the agent sees. Messages and variables are in the
 * order they arrived on their partition; the first escalation explains the handoff; an
 * assignment, once made, is not undone by a queued decision that arrives after it.
 */
export function conversationView(
  conversation: ConversationRecord,
  records: Records,
): ConversationView {
  const messages = transcriptOrder(records.messages);
  const variables = emptyVariables();
  for (const variable of [...records.variables].sort((a, b) => a.seq - b.seq))
    setVariable(variables, variable.name, variable.value);
  const escalation = [...records.escalations].sort(byTime((record) => record.requestedAt))[0];
  // Outcomes this version does not know are ignored, as the contract says.
  const decisions = records.decisions
    .filter(({ outcome }) => shownOutcomes.has(outcome))
    .sort(byTime((record) => record.decidedAt));
  const assignment =
    decisions.filter((decision) => decision.outcome === 'assigned').at(-1) ?? decisions.at(-1);
  const status: ConversationStatus = assignment
    ? assignment.outcome === 'assigned'
      ? 'assigned'
      : assignment.outcome === 'queued'
        ? 'queued'
        : 'bot'
    : escalation
      ? 'awaiting_agent'
      : 'bot';

  return {
    conversationId: conversation._id,
    tenantId: conversation.tenantId,
    channel: conversation.channel,
    language: conversation.language,
    customer: conversation.customer,
    startedAt: conversation.startedAt,
    status,
    variables,
    transcript: messages.map(({ messageId, sender, text, sentAt, bot, agentId }) => ({
      messageId,
      sender,
      text,
      sentAt,
      ...(bot ? { bot } : {}),
      ...(agentId ? { agentId } : {}),
    })),
    ...(escalation
      ? {
          escalation: {
            escalationId: escalation._id,
            trigger: escalation.trigger,
            explanation: escalation.explanation,
            ...(escalation.matchedText ? { matchedText: escalation.matchedText } : {}),
            messageId: escalation.messageId,
            sentiment: escalation.sentiment,
            requestedAt: escalation.requestedAt,
          },
        }
      : {}),
    ...(assignment
      ? {
          assignment: {
            decisionId: assignment._id,
            outcome: assignment.outcome,
            ...(assignment.agentId
              ? { agentId: assignment.agentId, agentDisplayName: assignment.agentDisplayName }
              : {}),
            ...(assignment.queueReason ? { queueReason: assignment.queueReason } : {}),
            decidedAt: assignment.decidedAt,
          },
        }
      : {}),
  };
}

/**
 * The bot platform's messages in the order they arrived on their partition; agents' messages,
 * which come from commands on another topic, placed among them by the time they were sent.
 */
export function transcriptOrder(messages: readonly MessageRecord[]): MessageRecord[] {
  const byTime = (a: MessageRecord, b: MessageRecord) => a.sentAt.getTime() - b.sentAt.getTime();
  const fromPlatform = messages
    .filter(({ sender }) => sender !== 'agent')
    .sort((a, b) => a.seq - b.seq || byTime(a, b));
  const fromAgents = messages.filter(({ sender }) => sender === 'agent').sort(byTime);
  const merged: MessageRecord[] = [];
  let next = 0;
  for (const message of fromPlatform) {
    while (next < fromAgents.length && byTime(fromAgents[next]!, message) < 0)
      merged.push(fromAgents[next++]!);
    merged.push(message);
  }
  return [...merged, ...fromAgents.slice(next)];
}
