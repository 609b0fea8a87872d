import type { EscalationRequested } from '@handoff/contracts';

/**
 * What the triggers know about one conversation, folded message by message. Small and plain, so
 * it is kept in memory, saved in batches and restored after a restart as it is.
 */
export interface ConversationSignals {
  conversationId: string;
  tenantId: string;
  /** Customer messages so far. */
  turns: number;
  /** Bot messages so far. */
  botTurns: number;
  /** When the first message was sent (ms since the epoch), for "minutes without resolution". */
  startedAt: number;
  lastMessageAt: number;
  /** The customer's recent messages, folded (lower case, no accents, single spaces), newest last. */
  recentTexts: string[];
  /** The bot's recent answers, folded, newest last. */
  recentAnswers: string[];
  /** The intents the bot read, newest last. */
  recentIntents: string[];
  /** Bot turns read with low confidence (below the tenant's threshold). */
  lowConfidenceTurns: number;
  /** Fallbacks so far, as the conversation service counts them. */
  fallbacks: number;
  /** Each customer message's sentiment, newest last. */
  sentiments: number[];
  /** Exponentially smoothed sentiment after each customer message, newest last. */
  smoothed: number[];
  /** The last customer message's frustration, 0..1. */
  frustration: number;
  /** The highest frustration so far. */
  peakFrustration: number;
  customerTier?: string;
  lastIntent?: string;
  /** The open escalation episode, with what was published, so a redelivery publishes it again. */
  episode?: {
    escalationId: string;
    openedAt: number;
    escalation?: Omit<EscalationRequested, 'requestedAt'>;
  };
  /** When the conversation was last handed back to the bot (ms), for the cooldown. */
  releasedAt?: number;
  /** The bot's trouble counted up to that handback, so only new trouble counts after it. */
  countedAtRelease?: { fallbacks: number; lowConfidenceTurns: number };
  /** The last messages applied, so a redelivered one is recognised and not counted twice. */
  appliedMessageIds: string[];
}

/**
 * The bot's trouble since the conversation last came back to it: trouble from before a handback
 * was dealt with by that episode's agent and must not count again.
 */
export function troubleSinceHandback(signals: ConversationSignals): {
  fallbacks: number;
  lowConfidenceTurns: number;
} {
  return {
    fallbacks: signals.fallbacks - (signals.countedAtRelease?.fallbacks ?? 0),
    lowConfidenceTurns:
      signals.lowConfidenceTurns - (signals.countedAtRelease?.lowConfidenceTurns ?? 0),
  };
}

/** How many recent values each list keeps. */
export const signalWindow = 8;
/** Weight of the newest message in the smoothed sentiment. */
export const smoothingWeight = 0.5;

export function newSignals(
  conversationId: string,
  tenantId: string,
  at: number,
): ConversationSignals {
  return {
    conversationId,
    tenantId,
    turns: 0,
    botTurns: 0,
    startedAt: at,
    lastMessageAt: at,
    recentTexts: [],
    recentAnswers: [],
    recentIntents: [],
    lowConfidenceTurns: 0,
    fallbacks: 0,
    sentiments: [],
    smoothed: [],
    frustration: 0,
    peakFrustration: 0,
    appliedMessageIds: [],
  };
}

export function pushRecent<T>(list: T[], value: T, size = signalWindow): void {
  list.push(value);
  if (list.length > size) list.splice(0, list.length - size);
}

/** Lower case, accents and punctuation removed, single spaces: how messages are compared. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface CustomerTurn {
  text: string;
  sentiment: number;
  frustration: number;
  at: number;
}

export interface BotTurn {
  text: string;
  intent?: string;
  confidence?: number;
  at: number;
}

/** A customer message: its text, sentiment and frustration join the trajectory. */
export function observeCustomer(signals: ConversationSignals, turn: CustomerTurn): void {
  signals.turns += 1;
  signals.lastMessageAt = Math.max(signals.lastMessageAt, turn.at);
  pushRecent(signals.recentTexts, foldText(turn.text));
  pushRecent(signals.sentiments, turn.sentiment);
  const previous = signals.smoothed.at(-1);
  const smoothed =
    previous === undefined
      ? turn.sentiment
      : smoothingWeight * turn.sentiment + (1 - smoothingWeight) * previous;
  pushRecent(signals.smoothed, Math.round(smoothed * 1000) / 1000);
  signals.frustration = turn.frustration;
  signals.peakFrustration = Math.max(signals.peakFrustration, turn.frustration);
}

/** A bot message: its answer and what it understood. */
export function observeBot(
  signals: ConversationSignals,
  turn: BotTurn,
  lowConfidenceBelow: number,
): void {
  signals.botTurns += 1;
  signals.lastMessageAt = Math.max(signals.lastMessageAt, turn.at);
  pushRecent(signals.recentAnswers, foldText(turn.text));
  if (turn.intent) {
    pushRecent(signals.recentIntents, turn.intent);
    signals.lastIntent = turn.intent;
  }
  if (turn.confidence !== undefined && turn.confidence < lowConfidenceBelow)
    signals.lowConfidenceTurns += 1;
}

/** The smoothed sentiment now, and how much it moved over the last `turns` customer messages. */
export function trajectoryOf(
  signals: ConversationSignals,
  turns: number,
): { smoothed: number; change: number } {
  const smoothed = signals.smoothed.at(-1) ?? 0;
  const from = signals.smoothed.at(-1 - turns) ?? signals.smoothed[0] ?? 0;
  return { smoothed, change: Math.round((smoothed - from) * 1000) / 1000 };
}
