import type { MessageRecorded, TriggerRules } from '@handoff/contracts';
import { compileRules } from '@handoff/trigger-rules';
import { newSignals } from '../signals/conversation-signals.js';
import { allTriggers } from './all-triggers.js';
import type { EscalationScorer } from './conversation-triggers.js';
import { evaluateTurn } from './evaluate-turn.js';

/** One message of a transcript to try the rules on. */
export interface TranscriptMessage {
  sender: 'customer' | 'bot';
  text: string;
  intent?: string;
  confidence?: number;
  fallback?: boolean;
  /** ISO time; absent, a minute after the previous message. */
  at?: string;
  messageId?: string;
}

export interface DryRunTurn {
  index: number;
  messageId: string;
  sender: 'customer' | 'bot';
  sentiment?: number;
  frustration?: number;
  fired: { kind: string; explanation: string; rule?: string; score?: number }[];
  /** An escalation would start here. */
  escalates: boolean;
  /** Why triggers fired without an escalation (one already open). */
  heldBack?: string;
}

export interface DryRunOptions {
  rules?: TriggerRules;
  language?: string;
  channel?: string;
  customerTier?: string;
  variables?: MessageRecorded['variables'];
  /** Leave the trained score out: the rules alone, e.g. to compare the model with them. */
  withoutScore?: boolean;
  /** The trained model; needed unless `withoutScore`. */
  model?: EscalationScorer;
}

const noModel: EscalationScorer = {
  version: 'none',
  threshold: 1,
  score: () => {
    throw new Error('the dry run needs the escalation model, or withoutScore');
  },
};

const start = Date.parse('2026-01-01T09:00:00Z');

/**
 * Runs a transcript through the triggers exactly as the service would, message by message, and
 * says what fired and why. Nothing is published. Throws a RuleSetError for rules that do not compile.
 */
export function dryRun(
  transcript: readonly TranscriptMessage[],
  options: DryRunOptions,
): DryRunTurn[] {
  const rules = compileRules(
    options.withoutScore
      ? { ...options.rules, escalationScore: { enabled: false } }
      : options.rules,
  );
  const triggers = allTriggers(options.model ?? noModel);
  const signals = newSignals('dry-run', 'dry-run', start);
  let fallbacks = 0;
  return transcript.map((message, index) => {
    const messageId = message.messageId ?? `m${index + 1}`;
    if (message.fallback) fallbacks += 1;
    const recorded: MessageRecorded = {
      conversationId: 'dry-run',
      tenantId: 'dry-run',
      language: options.language ?? 'en',
      channel: options.channel ?? 'web',
      message: {
        messageId,
        sender: message.sender,
        text: message.text,
        sentAt: message.at ?? new Date(start + index * 60_000).toISOString(),
        ...(message.sender === 'bot'
          ? {
              bot: {
                intent: message.intent,
                confidence: message.confidence,
                fallback: message.fallback,
              },
            }
          : {}),
      },
      variables: options.variables ?? {},
      fallbacks,
      ...(options.customerTier ? { customerTier: options.customerTier } : {}),
    };
    const outcome = evaluateTurn(signals, recorded, rules, triggers);
    return {
      index,
      messageId,
      sender: message.sender,
      ...(outcome.scores
        ? { sentiment: outcome.scores.sentiment, frustration: outcome.scores.frustration }
        : {}),
      fired: outcome.fired.map(({ kind, explanation, rule, score }) => ({
        kind,
        explanation,
        ...(rule ? { rule } : {}),
        ...(score !== undefined ? { score } : {}),
      })),
      escalates: outcome.escalation !== undefined,
      ...(outcome.heldBack ? { heldBack: outcome.heldBack } : {}),
    };
  });
}
