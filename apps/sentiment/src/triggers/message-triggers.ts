import { detectExplicitRequest } from './explicit-request.js';
import { round2, type FiredTrigger, type Trigger } from './fired-trigger.js';

const customerOnly =
  (trigger: Trigger): Trigger =>
  (turn) =>
    turn.message.sender === 'customer' ? trigger(turn) : [];

/** 1. The customer asked for a person. */
export const explicitRequest: Trigger = customerOnly(({ message, rules }) => {
  if (!rules.explicitRequest.enabled) return [];
  const match = detectExplicitRequest(message.text);
  return match
    ? [{ ...match, messageId: message.messageId, priority: rules.explicitRequest.priority }]
    : [];
});

/** 2. A word or pattern of one of the tenant's lists (urgency, cancellation, legal…). */
export const keywords: Trigger = customerOnly(({ message, rules }) => {
  if (!rules.keywords.enabled) return [];
  return rules.keywords.lists.flatMap((list): FiredTrigger[] => {
    const match = list.matcher.exec(message.folded);
    if (!match) return [];
    return [
      {
        kind: 'keyword',
        explanation: `The message matches the tenant's "${list.name}" keywords.`,
        matchedText: match[0].slice(0, 200),
        messageId: message.messageId,
        rule: `keywords.${list.name}`,
        priority: list.priority,
        ...(list.skill ? { skill: list.skill } : {}),
      },
    ];
  });
});

/** 3. One very negative or frustrated message, or a smoothed sentiment that fell over N turns. */
export const sentiment: Trigger = customerOnly(({ message, scores, signals, rules }) => {
  const rule = rules.sentiment;
  if (!rule.enabled || !scores) return [];
  const base = { kind: 'sentiment', messageId: message.messageId, priority: rule.priority };
  if (scores.sentiment < rule.below)
    return [
      {
        ...base,
        explanation: `The message scores ${round2(scores.sentiment)}, below the tenant's ${rule.below}.`,
        rule: `sentiment.below ${rule.below}`,
        score: round2(scores.sentiment),
      },
    ];
  if (scores.frustration > rule.frustrationAbove)
    return [
      {
        ...base,
        explanation: `The customer's frustration is ${round2(scores.frustration)}, above the tenant's ${rule.frustrationAbove}.`,
        rule: `sentiment.frustrationAbove ${rule.frustrationAbove}`,
        score: round2(scores.frustration),
      },
    ];
  const { turns, drop, below } = rule.falling;
  if (signals.smoothed.length <= turns) return [];
  const now = signals.smoothed.at(-1)!;
  const then = signals.smoothed.at(-1 - turns)!;
  if (then - now < drop || now >= below) return [];
  return [
    {
      ...base,
      explanation: `The smoothed sentiment fell from ${round2(then)} to ${round2(now)} over ${turns} turns.`,
      rule: `sentiment.falling ${turns} turns by ${drop} to below ${below}`,
      score: round2(now - then),
    },
  ];
});
