import { maxPacketMessages, type ContextPacket } from '@handoff/contracts';
import type {
  DecisionRecord,
  EscalationRecord,
  MessageRecord,
} from '../conversations/conversation.records.js';
import { emptyVariables, setVariable } from '../conversations/conversation-states.js';
import { botAttempts, detectedIntent } from './bot-attempts.js';
import { byTime, inOrderSaid, type ContextRecords } from './context-records.js';
import { extractiveSummary, type SummaryInput } from './summary/extractive-summary.js';
import { sentimentTrajectory } from './sentiment-trajectory.js';

/** The shape of packet this version builds. */
export const packetVersion = 1;

/** Notes and triggers a packet carries at most (the contract's limits). */
const maxNotes = 50;
const maxTriggers = 16;

export type PacketOccasion = 'offered' | 'assigned' | 'transferred' | 'requested';
type Status = ContextPacket['conversation']['status'];

export interface PacketOptions {
  packetId: string;
  occasion: PacketOccasion;
  /** The agent the packet is for. */
  agentId?: string;
  /** The context request it answers. */
  commandId?: string;
  builtAt: Date;
  /** Computed elsewhere (a summariser may call out); by default the extractive one. */
  summary?: ContextPacket['summary'];
  suggestions?: ContextPacket['suggestions'];
}

/** Decision outcomes that say where the conversation stands; others (rerouted…) leave it as it was. */
const statusOfOutcome: Record<string, Status> = {
  assigned: 'assigned',
  offered: 'offered',
  queued: 'queued',
  deflected: 'bot',
  expired: 'bot',
  abandoned: 'closed',
};

/**
 * Folds a conversation's records into the packet an agent reads before typing a word: who the
 * customer is, the latest messages, what the bot tried, the customer's mood, why it escalated,
 * a summary and suggestions, and the agents' notes.
 */
export function buildContextPacket(records: ContextRecords, options: PacketOptions): ContextPacket {
  const { conversation } = records;
  const messages = inOrderSaid(records.messages);
  const escalation = latestEscalation(records.escalations);
  const intent = detectedIntent(messages);
  const notes = [...records.notes].sort(byTime((note) => note.at)).slice(-maxNotes);
  return {
    packetVersion,
    packetId: options.packetId,
    conversationId: conversation._id,
    tenantId: conversation.tenantId,
    occasion: options.occasion,
    ...(options.agentId ? { agentId: options.agentId } : {}),
    ...(options.commandId ? { commandId: options.commandId } : {}),
    conversation: {
      channel: conversation.channel,
      language: conversation.language,
      startedAt: conversation.startedAt.toISOString(),
      status: conversationStatus(records.decisions, escalation),
    },
    customer: customerOf(records),
    variables: variablesOf(records),
    transcript: transcriptOf(messages),
    botAttempts: botAttempts(messages, records.fallbacks),
    sentiment: sentimentTrajectory(messages, records.sentiments, escalation),
    triggers: triggersOf(escalation),
    ...(escalation
      ? {
          escalation: {
            escalationId: escalation._id,
            requestedAt: escalation.requestedAt.toISOString(),
          },
        }
      : {}),
    ...(intent ? { detectedIntent: intent } : {}),
    summary: options.summary ?? {
      sentences: extractiveSummary(summaryInput(records)),
      method: 'extractive',
    },
    suggestions: options.suggestions ?? { replies: [], articles: [] },
    ...(notes.length > 0
      ? { notes: notes.map(({ agentId, text, at }) => ({ agentId, text, at: at.toISOString() })) }
      : {}),
    builtAt: options.builtAt.toISOString(),
  };
}

/** What the summary is drawn from: the customer's words, weighed against the whole conversation. */
export function summaryInput(records: ContextRecords): SummaryInput {
  const messages = inOrderSaid(records.messages);
  const escalation = latestEscalation(records.escalations);
  return {
    customerMessages: messages
      .filter(({ sender }) => sender === 'customer')
      .map(({ messageId, text }) => ({ messageId, text })),
    conversation: messages.map(({ sender, text }) => ({ sender, text })),
    ...(escalation ? { escalationMessageId: escalation.messageId } : {}),
  };
}

/** The latest handoff: a conversation returned to the bot may escalate again. */
function latestEscalation(escalations: readonly EscalationRecord[]): EscalationRecord | undefined {
  return [...escalations].sort(byTime((record) => record.requestedAt)).at(-1);
}

/**
 * Where the conversation stands, from the latest decision that says so. As in the agent's view,
 * an assignment is not undone by a queued decision arriving after it; only a transfer (which
 * routing follows with a new offer, assignment or place in a queue) moves it on.
 */
export function conversationStatus(
  decisions: readonly DecisionRecord[],
  escalation: EscalationRecord | undefined,
): Status {
  let status: Status = escalation ? 'awaiting_agent' : 'bot';
  for (const { outcome } of [...decisions].sort(byTime((record) => record.decidedAt))) {
    if (outcome === 'transferred') status = 'awaiting_agent';
    else if (status === 'assigned' && outcome !== 'abandoned') continue;
    else status = statusOfOutcome[outcome] ?? status;
  }
  return status;
}

/** The customer at the start, with each CRM profile laid over it field by field, oldest first. */
function customerOf(records: ContextRecords): ContextPacket['customer'] {
  const customer: ContextPacket['customer'] = { ...records.conversation.customer };
  const profiles = [...records.profiles].sort(
    (a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.seq - b.seq,
  );
  for (const { customer: profile } of profiles) {
    const { attributes, ...fields } = profile;
    Object.assign(customer, fields);
    if (attributes) customer.attributes = { ...customer.attributes, ...attributes };
  }
  return customer;
}

function variablesOf(records: ContextRecords): ContextPacket['variables'] {
  const variables = emptyVariables();
  for (const variable of [...records.variables].sort((a, b) => a.seq - b.seq))
    setVariable(variables, variable.name, variable.value);
  return variables;
}

function transcriptOf(messages: readonly MessageRecord[]): ContextPacket['transcript'] {
  const latest = messages.slice(-maxPacketMessages);
  return {
    messages: latest.map(({ messageId, sender, text, sentAt, agentId, bot }) => ({
      messageId,
      sender,
      text,
      sentAt: sentAt.toISOString(),
      ...(agentId ? { agentId } : {}),
      ...(bot?.intent ? { intent: bot.intent } : {}),
      ...(bot?.confidence !== undefined ? { confidence: bot.confidence } : {}),
      ...(bot?.fallback !== undefined ? { fallback: bot.fallback } : {}),
    })),
    totalMessages: messages.length,
    truncated: messages.length > latest.length,
  };
}

/** Each trigger that fired for the latest escalation, with its evidence and the customer's score. */
function triggersOf(escalation: EscalationRecord | undefined): ContextPacket['triggers'] {
  if (!escalation) return [];
  const fired = escalation.triggers?.length
    ? escalation.triggers
    : [
        {
          kind: escalation.trigger,
          explanation: escalation.explanation,
          ...(escalation.matchedText ? { matchedText: escalation.matchedText } : {}),
          messageId: escalation.messageId,
          score: escalation.sentiment.score,
        },
      ];
  return fired.slice(0, maxTriggers).map((trigger) => ({ ...trigger }));
}
