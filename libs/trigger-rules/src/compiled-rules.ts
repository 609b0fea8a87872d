/** A tenant's rule set with its defaults filled in, patterns and expressions compiled. */
export interface CompiledRules {
  version: number;
  explicitRequest: { enabled: boolean; priority: number };
  keywords: { enabled: boolean; lists: CompiledKeywordList[] };
  sentiment: {
    enabled: boolean;
    below: number;
    frustrationAbove: number;
    falling: { turns: number; drop: number; below: number };
    priority: number;
  };
  repetition: {
    enabled: boolean;
    similarity: number;
    times: number;
    sameIntentTimes: number;
    priority: number;
  };
  botTrouble: {
    enabled: boolean;
    fallbacks: number;
    lowConfidence: number;
    lowConfidenceTimes: number;
    priority: number;
  };
  loops: { enabled: boolean; sameAnswerTimes: number; priority: number };
  businessRules: CompiledBusinessRule[];
  /** The trained score's threshold; absent, the model's own. */
  escalationScore: { enabled: boolean; threshold?: number; priority: number };
  intentSkills: Readonly<Record<string, string>>;
  cooldownMinutes: number;
}

export interface CompiledKeywordList {
  name: string;
  /** One alternation of every term and pattern, over folded text. */
  matcher: RegExp;
  priority: number;
  skill?: string;
}

export interface CompiledBusinessRule {
  name: string;
  when: string;
  explanation?: string;
  priority: number;
  skill?: string;
  /** True when the rule holds for these facts. Never throws. */
  holds(facts: ConversationFacts): boolean;
}

/** What a business rule can read about the conversation. */
export interface ConversationFacts {
  turns: number;
  botTurns: number;
  minutes: number;
  sentiment: number;
  smoothed: number;
  frustration: number;
  fallbacks: number;
  lowConfidence: number;
  tier: string;
  language: string;
  channel: string;
  intent: string;
  /** Collected variables, each readable as `variables.<name>`. */
  variables: Readonly<Record<string, string | number | boolean | null>>;
}

/** Facts with every field present, to check at upload that a rule only names fields that exist. */
export const sampleFacts: ConversationFacts = {
  turns: 1,
  botTurns: 1,
  minutes: 1,
  sentiment: 0,
  smoothed: 0,
  frustration: 0,
  fallbacks: 0,
  lowConfidence: 0,
  tier: '',
  language: 'en',
  channel: 'web',
  intent: '',
  variables: {},
};
