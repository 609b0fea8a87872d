import { defaultRules } from '@handoff/trigger-rules';
import { scoreMessage } from '../../scoring/sentiment-scorer.js';
import {
  newSignals,
  observeBot,
  observeCustomer,
  type ConversationSignals,
} from '../../signals/conversation-signals.js';
import { escalationFeatures } from '../features.js';
import type { GeneratedConversation } from './generate-conversations.js';

/** Below this the bot's reading counts as low confidence, as the platform's rule set says. */
export const lowConfidenceBelow = defaultRules.botTrouble.lowConfidence;

/** The features after one customer turn, and whether a human was needed by then. */
export interface TurnExample {
  conversationId: string;
  /** 1 = after the first customer message. */
  turn: number;
  features: Float64Array;
  positive: boolean;
}

/**
 * Folds a conversation into signals message by message, as the service does, and calls back
 * after each customer message with the signals as they stand then.
 */
export function replaySignals(
  conversation: GeneratedConversation,
  afterCustomerTurn: (signals: ConversationSignals, turn: number, at: number) => void,
): void {
  const first = Date.parse(conversation.transcript[0]?.at ?? '1970-01-01T00:00:00Z');
  const signals = newSignals(conversation.id, 'generated', first);
  if (conversation.tier) signals.customerTier = conversation.tier;
  for (const message of conversation.transcript) {
    const at = Date.parse(message.at ?? '') || signals.lastMessageAt;
    if (message.sender === 'bot') {
      observeBot(signals, { ...message, at }, lowConfidenceBelow);
      // The conversation service counts fallbacks and hands the count on with each message.
      if (message.fallback) signals.fallbacks += 1;
      continue;
    }
    const { sentiment, frustration } = scoreMessage(message.text, conversation.language);
    observeCustomer(signals, { text: message.text, sentiment, frustration, at });
    afterCustomerTurn(signals, signals.turns, at);
  }
}

/** One example per customer turn, positive from the turn the conversation needs a human. */
export function turnExamples(conversation: GeneratedConversation): TurnExample[] {
  const examples: TurnExample[] = [];
  replaySignals(conversation, (signals, turn, at) =>
    examples.push({
      conversationId: conversation.id,
      turn,
      features: escalationFeatures(signals, at),
      positive: conversation.needsHuman && turn >= (conversation.needsHumanFrom ?? Infinity),
    }),
  );
  return examples;
}
