import {
  csatAnsweredType,
  customerLeftType,
  type CsatAnswered,
  type CsatRecorded,
  type CustomerLeft,
  botFallbackType,
  conversationEndedType,
  customerProfileType,
  conversationStartedType,
  type ConversationClosed,
  type ConversationEnded,
  deriveId,
  maxVariablesPerConversation,
  messagePostedType,
  variableCollectedType,
  type ConversationStarted,
  type MessagePosted,
  type MessageRecorded,
  type Topics,
  type TopicPayloads,
  type VariableCollected,
} from '@handoff/contracts';
import { RejectedEventError } from '@handoff/messaging';
import type {
  ConversationRecord,
  CsatRecord,
  MessageRecord,
  VariableRecord,
} from './conversation.records.js';
import { answerSurvey, csatScoreIn } from './ingest-survey.js';
import {
  copyVariables,
  emptyVariables,
  setVariable,
  type ConversationState,
  type ConversationStates,
} from './conversation-states.js';
import { recordFallback, recordProfile, type IngestedContext } from './ingest-customer.js';
import { TooManyVariablesError } from './ingest-errors.js';
import { conversationOf, WorkingSet } from './working-set.js';

export type ConversationEvent = TopicPayloads[typeof Topics.ConversationEvents];

export { TooManyVariablesError, UnknownConversationError } from './ingest-errors.js';

/** What one batch of bot-platform events adds: records to append and messages to republish. */
export interface Ingested extends IngestedContext {
  conversations: ConversationRecord[];
  messages: MessageRecord[];
  variables: VariableRecord[];
  recorded: { data: MessageRecorded; id: string; traceparent?: string }[];
  closed: { data: ConversationClosed; id: string }[];
  csat: CsatRecord[];
  feedback: { data: CsatRecorded; id: string }[];
  /** Bot messages for conversations an agent holds, by tenant: not taken into the transcript. */
  refusedBotMessages: Map<string, number>;
}

/**
 * The conversations a batch needs from the store first: those its messages and variables name
 * that are neither in memory nor started earlier in the same batch.
 */
export function conversationsToLoad(
  events: readonly ConversationEvent[],
  states: ConversationStates,
): string[] {
  const startedHere = new Set<string>();
  const needed = new Set<string>();
  for (const event of events) {
    const { conversationId } = event.data;
    if (event.type === conversationStartedType) startedHere.add(conversationId);
    else if (!startedHere.has(conversationId) && !states.has(conversationId))
      needed.add(conversationId);
  }
  return [...needed];
}

/**
 * Applies a partition's events, in order, to the conversations in memory, and says what to store
 * and publish. Each message is republished with the variables collected before it. Events the
 * store already holds come back as the same records (same ids), so a redelivery appends nothing new.
 * `loaded` holds the conversations the store had (see conversationsToLoad).
 */
export function ingest(
  events: readonly ConversationEvent[],
  offsets: readonly string[],
  partition: number,
  states: ConversationStates,
  loaded: ReadonlyMap<string, ConversationState>,
  touched: Set<string>,
): Ingested {
  const result: Ingested = {
    conversations: [],
    messages: [],
    variables: [],
    recorded: [],
    closed: [],
    csat: [],
    feedback: [],
    refusedBotMessages: new Map(),
    fallbacks: [],
    profiles: [],
  };
  const working = new WorkingSet(states, loaded, touched);
  events.forEach((event, index) => {
    const seq = Number(offsets[index] ?? index);
    switch (event.type) {
      case conversationStartedType:
        return start(event.data, event.id, working, result);
      case messagePostedType:
        return record(event.data, event.id, seq, event.traceparent, working, result);
      case variableCollectedType:
        return collect(event.data, event.id, seq, working, result);
      case conversationEndedType:
        return close(event.data, event.id, working, result);
      case customerLeftType:
        return leave(event.data, event.id, working, result);
      case csatAnsweredType:
        return answer(event.data, event.id, working, result);
      case botFallbackType:
        return recordFallback(event.data, event.id, seq, working, result);
      case customerProfileType:
        return recordProfile(event.data, event.id, seq, working, result);
    }
  });
  working.keep(partition);
  return result;
}

function start(
  started: ConversationStarted,
  eventId: string,
  working: WorkingSet,
  result: Ingested,
): void {
  const known = working.get(started.conversationId);
  if (known) {
    if (known.tenantId !== started.tenantId) {
      throw new RejectedEventError(
        `conversation ${started.conversationId} already exists for another tenant`,
        eventId,
      );
    }
    return;
  }
  working.put(started.conversationId, {
    tenantId: started.tenantId,
    language: started.language,
    channel: started.channel,
    variables: emptyVariables(),
    ...(started.customer.tier ? { customerTier: started.customer.tier } : {}),
  });
  result.conversations.push({
    _id: started.conversationId,
    tenantId: started.tenantId,
    channel: started.channel,
    language: started.language,
    customer: started.customer,
    startedAt: new Date(started.startedAt),
  });
}

function record(
  message: MessagePosted,
  eventId: string,
  seq: number,
  traceparent: string | undefined,
  working: WorkingSet,
  result: Ingested,
): void {
  const conversation = conversationOf(working, message.conversationId, message.tenantId, eventId);
  if (message.sender === 'bot' && conversation.holder) {
    // A human has the conversation: the bot must stay quiet until it is handed back.
    const refused = result.refusedBotMessages;
    refused.set(message.tenantId, (refused.get(message.tenantId) ?? 0) + 1);
    return;
  }
  if (message.bot?.fallback) conversation.fallbacks = (conversation.fallbacks ?? 0) + 1;
  const score = message.sender === 'customer' ? csatScoreIn(message.text) : undefined;
  if (score !== undefined && conversation.survey)
    takeAnswer(message.conversationId, conversation, { score, answeredAt: message.sentAt }, result);
  result.messages.push({
    _id: deriveId('msg', message.conversationId, message.messageId),
    conversationId: message.conversationId,
    tenantId: message.tenantId,
    messageId: message.messageId,
    sender: message.sender,
    text: message.text,
    sentAt: new Date(message.sentAt),
    ...(message.bot ? { bot: message.bot } : {}),
    seq,
  });
  result.recorded.push({
    id: deriveId('recorded', message.conversationId, message.messageId),
    ...(traceparent ? { traceparent } : {}),
    data: {
      conversationId: message.conversationId,
      tenantId: message.tenantId,
      language: conversation.language,
      channel: conversation.channel,
      message: {
        messageId: message.messageId,
        sender: message.sender,
        text: message.text,
        sentAt: message.sentAt,
        ...(message.bot ? { bot: message.bot } : {}),
      },
      variables: copyVariables(conversation.variables),
      ...evaluationContextOf(conversation),
    },
  });
}

function collect(
  variable: VariableCollected,
  eventId: string,
  seq: number,
  working: WorkingSet,
  result: Ingested,
): void {
  const conversation = conversationOf(working, variable.conversationId, variable.tenantId, eventId);
  const isNew = !Object.hasOwn(conversation.variables, variable.name);
  if (isNew && Object.keys(conversation.variables).length >= maxVariablesPerConversation) {
    throw new TooManyVariablesError(variable.conversationId, variable.name, eventId);
  }
  setVariable(conversation.variables, variable.name, variable.value);
  result.variables.push({
    _id: deriveId('var', variable.conversationId, eventId),
    conversationId: variable.conversationId,
    tenantId: variable.tenantId,
    name: variable.name,
    value: variable.value,
    collectedAt: new Date(variable.collectedAt),
    seq,
  });
}

/** A conversation that ended is closed for everyone who holds something for it (a slot, a queue place). */
function close(
  ended: ConversationEnded,
  eventId: string,
  working: WorkingSet,
  result: Ingested,
): void {
  conversationOf(working, ended.conversationId, ended.tenantId, eventId);
  result.closed.push({
    id: deriveId('closed', ended.conversationId, eventId),
    data: {
      conversationId: ended.conversationId,
      tenantId: ended.tenantId,
      reason: ended.reason,
      closedAt: ended.endedAt,
    },
  });
}

/** The customer went away: the conversation closes like an ended one (slot back, out of the queue). */
function leave(left: CustomerLeft, eventId: string, working: WorkingSet, result: Ingested): void {
  conversationOf(working, left.conversationId, left.tenantId, eventId);
  result.closed.push({
    id: deriveId('closed', left.conversationId, eventId),
    data: {
      conversationId: left.conversationId,
      tenantId: left.tenantId,
      reason: 'customer_left',
      closedAt: left.leftAt,
    },
  });
}

function answer(
  answered: CsatAnswered,
  eventId: string,
  working: WorkingSet,
  result: Ingested,
): void {
  const conversation = conversationOf(working, answered.conversationId, answered.tenantId, eventId);
  if (!conversation.survey)
    throw new RejectedEventError(
      `no satisfaction survey is open for conversation ${answered.conversationId} (none was sent, or it was answered)`,
      eventId,
    );
  takeAnswer(answered.conversationId, conversation, answered, result);
}

function takeAnswer(
  conversationId: string,
  conversation: ConversationState,
  answer: { score: number; comment?: string; answeredAt: string },
  result: Ingested,
): void {
  const { record, recorded } = answerSurvey(conversationId, conversation, answer);
  result.csat.push(record);
  result.feedback.push(recorded);
}

/** What the escalation rules read besides the message: tier, fallbacks, and who has the conversation. */
function evaluationContextOf(conversation: ConversationState) {
  return {
    ...(conversation.customerTier ? { customerTier: conversation.customerTier } : {}),
    fallbacks: conversation.fallbacks ?? 0,
    agentHolds: conversation.holder !== undefined,
    ...(conversation.releasedAt !== undefined
      ? { releasedAt: new Date(conversation.releasedAt).toISOString() }
      : {}),
  };
}
