import { troubleSinceHandback, type ConversationSignals } from '../signals/conversation-signals.js';
import { round2, type FiredTrigger, type Trigger } from './fired-trigger.js';
import { repeatsOfNewest, runAtEnd } from './similarity.js';

/** Short answers ("yes", "no", a number) repeat in normal conversations. */
const shortestRepeatable = 8;

/** 4. The customer says the same thing again, or the bot keeps reading the same intent. */
export const repetition: Trigger = ({ message, signals, rules }) => {
  const rule = rules.repetition;
  if (!rule.enabled) return [];
  const base = { kind: 'repetition', messageId: message.messageId, priority: rule.priority };
  if (message.sender === 'customer') {
    if (message.folded.length < shortestRepeatable) return [];
    const times = repeatsOfNewest(signals.recentTexts, rule.similarity) + 1;
    if (times !== rule.times) return [];
    return [
      {
        ...base,
        explanation: `The customer has said the same thing ${times} times.`,
        matchedText: message.text.slice(0, 200),
        rule: `repetition.times ${rule.times} at similarity ${rule.similarity}`,
        score: times,
      },
    ];
  }
  const intent = signals.lastIntent;
  const run = runAtEnd(signals.recentIntents);
  if (!intent || run !== rule.sameIntentTimes) return [];
  return [
    {
      ...base,
      explanation: `The bot read the same intent "${intent}" ${run} times in a row.`,
      rule: `repetition.sameIntentTimes ${rule.sameIntentTimes}`,
      score: run,
    },
  ];
};

/** 5. The bot keeps failing: fallbacks, or intents read with low confidence. */
export const botTrouble: Trigger = ({ message, signals, rules }) => {
  const rule = rules.botTrouble;
  if (!rule.enabled) return [];
  const base = { kind: 'bot_trouble', messageId: message.messageId, priority: rule.priority };
  const { fallbacks, lowConfidenceTurns: lowConfidence } = troubleSinceHandback(signals);
  if (fallbacks >= rule.fallbacks)
    return [
      {
        ...base,
        explanation: `The bot fell back ${fallbacks} times (the tenant allows ${rule.fallbacks - 1}).`,
        rule: `botTrouble.fallbacks ${rule.fallbacks}`,
        score: fallbacks,
      },
    ];
  if (lowConfidence >= rule.lowConfidenceTimes)
    return [
      {
        ...base,
        explanation: `The bot understood ${lowConfidence} messages with confidence below ${rule.lowConfidence}.`,
        rule: `botTrouble.lowConfidenceTimes ${rule.lowConfidenceTimes} below ${rule.lowConfidence}`,
        score: lowConfidence,
      },
    ];
  return [];
};

/** 6. The bot gives the same answer again and again. */
export const loops: Trigger = ({ message, signals, rules }) => {
  const rule = rules.loops;
  if (!rule.enabled || message.sender !== 'bot') return [];
  const times = repeatsOfNewest(signals.recentAnswers, 0.9) + 1;
  if (times < rule.sameAnswerTimes) return [];
  return [
    {
      kind: 'loop',
      explanation: `The bot gave the same answer ${times} times.`,
      matchedText: message.text.slice(0, 200),
      messageId: message.messageId,
      rule: `loops.sameAnswerTimes ${rule.sameAnswerTimes}`,
      score: times,
      priority: rule.priority,
    },
  ];
};

/** 7. The tenant's own conditions over the conversation (tier, variables, turns, minutes…). */
export const businessRules: Trigger = ({ message, facts, rules }) =>
  rules.businessRules.flatMap((rule): FiredTrigger[] =>
    rule.holds(facts)
      ? [
          {
            kind: 'business_rule',
            explanation: rule.explanation ?? `The tenant's rule "${rule.name}" holds.`,
            messageId: message.messageId,
            rule: `${rule.name}: ${rule.when}`.slice(0, 500),
            priority: rule.priority,
            ...(rule.skill ? { skill: rule.skill } : {}),
          },
        ]
      : [],
  );

/** The trained model, as the triggers see it (an abstract class, so it is also Nest's token). */
export abstract class EscalationScorer {
  abstract readonly version: string;
  abstract readonly threshold: number;
  abstract score(signals: ConversationSignals, now: number): number;
}

/** 8. The trained escalation score over the conversation so far. */
export function trainedScore(model: EscalationScorer): Trigger {
  return ({ message, signals, rules, now }) => {
    const rule = rules.escalationScore;
    if (!rule.enabled || message.sender !== 'customer') return [];
    const threshold = rule.threshold ?? model.threshold;
    const score = model.score(signals, now);
    if (score < threshold) return [];
    return [
      {
        kind: 'escalation_score',
        explanation: `The escalation model ${model.version} scores the conversation ${round2(score)} (threshold ${threshold}).`,
        messageId: message.messageId,
        rule: `escalationScore.threshold ${threshold}`,
        score: round2(score),
        priority: rule.priority,
      },
    ];
  };
}
