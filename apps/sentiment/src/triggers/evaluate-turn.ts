import { deriveId, type EscalationRequested, type MessageRecorded } from '@handoff/contracts';
import { foldCase, type CompiledRules, type ConversationFacts } from '@handoff/trigger-rules';
import { labelOf, scoreMessage, type MessageScores } from '../scoring/sentiment-scorer.js';
import {
  observeBot,
  observeCustomer,
  pushRecent,
  type ConversationSignals,
} from '../signals/conversation-signals.js';
import { firedOn } from './all-triggers.js';
import type { FiredTrigger, Trigger } from './fired-trigger.js';
import { episodeBlocks, handBack } from './episodes.js';

/** What the evaluation of one recorded message decided. */
export interface TurnOutcome {
  /** The customer message's scores. */
  scores?: MessageScores;
  /** Every trigger that fired, even when no escalation follows. */
  fired: FiredTrigger[];
  /** Why the triggers that fired did not escalate. */
  heldBack?: string;
  /** The escalation to publish, with its deterministic id. */
  escalation?: Omit<EscalationRequested, 'requestedAt'>;
  /** The message was applied before (a redelivery): nothing was counted again. */
  repeated: boolean;
}

function factsOf(
  signals: ConversationSignals,
  recorded: MessageRecorded,
  at: number,
  scores?: MessageScores,
): ConversationFacts {
  return {
    turns: signals.turns,
    botTurns: signals.botTurns,
    minutes: Math.max(0, (at - signals.startedAt) / 60_000),
    sentiment: scores?.sentiment ?? signals.sentiments.at(-1) ?? 0,
    smoothed: signals.smoothed.at(-1) ?? 0,
    frustration: signals.frustration,
    fallbacks: signals.fallbacks,
    lowConfidence: signals.lowConfidenceTurns,
    tier: signals.customerTier ?? '',
    language: recorded.language,
    channel: recorded.channel,
    intent: signals.lastIntent ?? '',
    variables: recorded.variables as ConversationFacts['variables'],
  };
}

function skillsOf(
  fired: readonly FiredTrigger[],
  signals: ConversationSignals,
  rules: CompiledRules,
): string[] {
  const fromIntent = signals.lastIntent ? rules.intentSkills[signals.lastIntent] : undefined;
  const skills = [fromIntent, ...fired.map(({ skill }) => skill)].filter(
    (skill): skill is string => !!skill,
  );
  return [...new Set(skills)].slice(0, 8);
}

/**
 * Applies one recorded message to its conversation's signals and runs the triggers over it. An
 * escalation follows when a trigger fires, no human holds the conversation, no episode is open
 * and the cooldown after the last handback is over. Pure apart from the signals it updates.
 */
export function evaluateTurn(
  signals: ConversationSignals,
  recorded: MessageRecorded,
  rules: CompiledRules,
  triggers: readonly Trigger[],
): TurnOutcome {
  const { message } = recorded;
  if (signals.appliedMessageIds.includes(message.messageId)) {
    // A redelivery: publish again what the message caused, under the same ids, counting nothing.
    const escalation = signals.episode?.escalation;
    return {
      fired: [],
      repeated: true,
      ...(message.sender === 'customer'
        ? { scores: scoreMessage(message.text, recorded.language) }
        : {}),
      ...(escalation?.trigger.messageId === message.messageId ? { escalation } : {}),
    };
  }
  pushRecent(signals.appliedMessageIds, message.messageId);
  const at = Date.parse(message.sentAt);
  if (recorded.releasedAt) handBack(signals, Date.parse(recorded.releasedAt));
  if (recorded.customerTier) signals.customerTier = recorded.customerTier;
  signals.fallbacks = Math.max(signals.fallbacks, recorded.fallbacks ?? 0);

  let scores: MessageScores | undefined;
  if (message.sender === 'customer') {
    scores = scoreMessage(message.text, recorded.language);
    observeCustomer(signals, {
      text: message.text,
      sentiment: scores.sentiment,
      frustration: scores.frustration,
      at,
    });
  } else if (message.sender === 'bot') {
    observeBot(signals, { text: message.text, ...message.bot, at }, rules.botTrouble.lowConfidence);
  }
  const fired = firedOn(
    {
      signals,
      message: { ...message, folded: foldCase(message.text) },
      ...(scores
        ? { scores: { sentiment: scores.sentiment, frustration: scores.frustration } }
        : {}),
      facts: factsOf(signals, recorded, at, scores),
      rules,
      now: at,
    },
    triggers,
  );
  const outcome: TurnOutcome = { fired, repeated: false, ...(scores ? { scores } : {}) };
  if (fired.length === 0) return outcome;
  const heldBack = recorded.agentHolds
    ? 'a human agent holds the conversation'
    : episodeBlocks(signals, at, rules);
  if (heldBack) return { ...outcome, heldBack };

  const escalationId = deriveId('esc', recorded.conversationId, message.messageId);
  const escalation: TurnOutcome['escalation'] = {
    escalationId,
    conversationId: recorded.conversationId,
    tenantId: recorded.tenantId,
    language: scores?.language && !recorded.language ? scores.language : recorded.language,
    channel: recorded.channel,
    trigger: withoutRouting(fired[0]!),
    triggers: fired.slice(0, 16).map(withoutRouting),
    priority: Math.max(...fired.map(({ priority }) => priority)),
    skills: skillsOf(fired, signals, rules),
    ...(signals.lastIntent ? { intent: signals.lastIntent } : {}),
    sentiment: sentimentOf(signals),
    variables: recorded.variables,
  };
  signals.episode = { escalationId, openedAt: at, escalation };
  return { ...outcome, escalation };
}

/** The trigger as the contract carries it: priority and skill are the escalation's, not each trigger's. */
function withoutRouting({
  priority: _priority,
  skill: _skill,
  ...trigger
}: FiredTrigger): EscalationRequested['trigger'] {
  return trigger;
}

function sentimentOf(signals: ConversationSignals): EscalationRequested['sentiment'] {
  const score = signals.sentiments.at(-1) ?? 0;
  return { score, label: labelOf(score) };
}
