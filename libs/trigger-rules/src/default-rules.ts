import { defaultKeywordLists } from './default-keywords.js';

/** The platform's rule set: what a tenant's own set falls back to, section by section. */
export const defaultRules = {
  explicitRequest: { enabled: true, priority: 3 },
  keywords: { enabled: true, lists: defaultKeywordLists },
  sentiment: {
    enabled: true,
    below: -0.6,
    frustrationAbove: 0.75,
    falling: { turns: 3, drop: 0.6, below: -0.2 },
    priority: 3,
  },
  repetition: { enabled: true, similarity: 0.85, times: 3, sameIntentTimes: 4, priority: 2 },
  botTrouble: {
    enabled: true,
    fallbacks: 2,
    lowConfidence: 0.4,
    lowConfidenceTimes: 2,
    priority: 2,
  },
  loops: { enabled: true, sameAnswerTimes: 3, priority: 2 },
  businessRules: [
    {
      name: 'long_conversation',
      when: 'turns >= 15',
      explanation: 'Fifteen customer turns without a resolution.',
      priority: 1,
    },
  ],
  escalationScore: { enabled: true, priority: 2 },
  intentSkills: {},
  cooldownMinutes: 10,
} as const;
