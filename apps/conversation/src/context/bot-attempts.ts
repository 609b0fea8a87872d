import type { ContextPacket } from '@handoff/contracts';
import type { MessageRecord } from '../conversations/conversation.records.js';
import type { FallbackRecord } from '../conversations/context.records.js';

/** A bot answer below this confidence counts as a shaky one, and is not taken as the intent. */
export const lowConfidenceThreshold = 0.5;

/** Intents a packet lists at most (the contract's limit). */
const maxIntents = 32;

type BotAttempts = ContextPacket['botAttempts'];
type DetectedIntent = NonNullable<ContextPacket['detectedIntent']>;

/**
 * What the bot tried, from its messages (in the order said) and the fallback events. A bot
 * message flagged `fallback` is counted unless a fallback event already names it or the customer
 * message it answers (the last customer message before it): both tell of the same failure.
 */
export function botAttempts(
  messages: readonly MessageRecord[],
  fallbacks: readonly FallbackRecord[],
): BotAttempts {
  const intents = new Map<string, { intent: string; confidence?: number; count: number }>();
  const namedByEvents = new Set(fallbacks.flatMap(({ messageId }) => messageId ?? []));
  let flaggedAlone = 0;
  let lowConfidence = 0;
  let answering: string | undefined;
  for (const message of messages) {
    if (message.sender === 'customer') answering = message.messageId;
    if (message.sender !== 'bot' || !message.bot) continue;
    const { intent, confidence, fallback } = message.bot;
    if (intent) {
      const seen = intents.get(intent) ?? { intent, count: 0 };
      seen.count += 1;
      if (confidence !== undefined) seen.confidence = Math.max(seen.confidence ?? 0, confidence);
      intents.set(intent, seen);
    }
    if (confidence !== undefined && confidence < lowConfidenceThreshold) lowConfidence += 1;
    const alreadyCounted =
      namedByEvents.has(message.messageId) ||
      (answering !== undefined && namedByEvents.has(answering));
    if (fallback && !alreadyCounted) flaggedAlone += 1;
  }
  return {
    intents: [...intents.values()].slice(0, maxIntents),
    fallbacks: fallbacks.length + flaggedAlone,
    lowConfidence,
  };
}

/** The last intent the bot recognised with confidence (an answer without a confidence counts). */
export function detectedIntent(messages: readonly MessageRecord[]): DetectedIntent | undefined {
  const confident = messages.filter(
    ({ sender, bot }) =>
      sender === 'bot' &&
      bot?.intent &&
      !bot.fallback &&
      (bot.confidence === undefined || bot.confidence >= lowConfidenceThreshold),
  );
  const last = confident.at(-1)?.bot;
  if (!last?.intent) return undefined;
  return {
    intent: last.intent,
    ...(last.confidence !== undefined ? { confidence: last.confidence } : {}),
  };
}
