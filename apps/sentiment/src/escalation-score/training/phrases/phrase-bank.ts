/** What customers ask about in the generated conversations, and the intent a bot reads for each. */
export const topicIntents = {
  delivery: 'order_status',
  refund: 'refund_request',
  login: 'account_access',
  plan: 'change_plan',
} as const;

export type Topic = keyof typeof topicIntents;
export const topics = Object.keys(topicIntents) as Topic[];

export interface TopicPhrases {
  /** The customer's first question. */
  ask: string[];
  /** The same need in other words. */
  rephrase: string[];
  /** The bot's answer on this topic. */
  answer: string[];
}

/**
 * Short phrases in one language, written for this generator, from which conversations are
 * composed. Each list holds interchangeable lines of one kind.
 */
export interface PhraseBank {
  greetings: string[];
  topics: Record<Topic, TopicPhrases>;
  /** A neutral follow-up question. */
  followUp: string[];
  /** A short neutral acknowledgement. */
  okay: string[];
  thanks: string[];
  /** Mild annoyance with the bot. */
  annoyed: string[];
  /** Clear frustration with the bot. */
  frustrated: string[];
  /** Unhappy, but worded with positive words. */
  sarcastic: string[];
  /** Upset about the situation, not about the bot. */
  vent: string[];
  /** Polite, yet the bot is not getting there. */
  insist: string[];
  askHuman: string[];
  /** Put before a question asked again. */
  again: string[];
  bot: { clarify: string[]; fallback: string[]; closing: string[] };
}
