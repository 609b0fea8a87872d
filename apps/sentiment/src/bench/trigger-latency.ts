import type { MessageRecorded, TriggerRules } from '@handoff/contracts';
import { compileRules } from '@handoff/trigger-rules';
import { newSignals } from '../signals/conversation-signals.js';
import { allTriggers } from '../triggers/all-triggers.js';
import type { EscalationScorer } from '../triggers/conversation-triggers.js';
import { evaluateTurn } from '../triggers/evaluate-turn.js';

/**
 * A tenant rule set as a large contact centre writes it: the default lists plus four of its own
 * (60 terms and patterns each), twelve business rules and an intent-to-skill map.
 */
export function realisticRules(): TriggerRules {
  const terms = (topic: string) => Array.from({ length: 50 }, (_, n) => `${topic} term ${n}`);
  const patterns = (topic: string) =>
    Array.from({ length: 10 }, (_, n) => `${topic}\\s+code\\s+${n}\\d+`);
  return {
    keywords: {
      lists: ['outage', 'fraud', 'moving', 'roaming'].map((name, index) => ({
        name,
        terms: terms(name),
        patterns: patterns(name),
        priority: 2 + (index % 4),
      })),
    },
    businessRules: [
      { name: 'gold_stuck', when: 'tier == "gold" and turns >= 3' },
      { name: 'platinum', when: 'tier == "platinum" and frustration > 0.3' },
      { name: 'long', when: 'turns >= 15 or minutes >= 30' },
      { name: 'claim', when: 'variables.claim_amount > 1000' },
      { name: 'churn', when: 'intent == "account.close" and smoothed < 0' },
      { name: 'fallbacks_vip', when: 'fallbacks >= 1 and tier in ("vip", "gold")' },
      { name: 'sms_angry', when: 'channel == "sms" and sentiment < -0.4' },
      { name: 'spanish_legal', when: 'language == "es" and intent == "legal.claim"' },
      { name: 'low_conf', when: 'lowConfidence >= 3 and turns >= 4' },
      { name: 'bot_heavy', when: 'botTurns >= 20' },
      { name: 'plan', when: 'variables.plan == "enterprise" and turns >= 2' },
      { name: 'late', when: 'minutes >= 45' },
    ],
    intentSkills: Object.fromEntries(
      Array.from({ length: 200 }, (_, n) => [`intent.${n}`, `skill-${n % 20}`]),
    ),
  };
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}

/**
 * Evaluates conversations of customer and bot turns message by message (scoring, the eight
 * triggers, the model) and returns the per-message latency percentiles, in milliseconds.
 */
export function triggerLatency(
  corpus: readonly string[],
  model: EscalationScorer,
  conversations = 4000,
): { messages: number; p50: number; p99: number; max: number } {
  const rules = compileRules(realisticRules(), 1);
  const triggers = allTriggers(model);
  const timings: number[] = [];
  const start = Date.parse('2026-11-27T09:00:00Z');
  for (let c = 0; c < conversations; c++) {
    const signals = newSignals(`c${c}`, 'bench', start);
    for (let turn = 0; turn < 12; turn++) {
      const customer = turn % 2 === 0;
      const recorded: MessageRecorded = {
        conversationId: `c${c}`,
        tenantId: 'bench',
        language: 'en',
        channel: 'web',
        variables: { plan: 'basic', claim_amount: 10 },
        fallbacks: turn > 8 ? 1 : 0,
        customerTier: c % 5 === 0 ? 'gold' : 'basic',
        message: {
          messageId: `m${turn}`,
          sender: customer ? 'customer' : 'bot',
          text: corpus[(c * 12 + turn) % corpus.length]!,
          sentAt: new Date(start + turn * 30_000).toISOString(),
          ...(customer
            ? {}
            : { bot: { intent: `intent.${(c + turn) % 200}`, confidence: 0.3 + (turn % 7) / 10 } }),
        },
      };
      const began = process.hrtime.bigint();
      evaluateTurn(signals, recorded, rules, triggers);
      timings.push(Number(process.hrtime.bigint() - began) / 1e6);
    }
  }
  // The first conversations warm the code up; they do not count.
  const measured = timings.slice(timings.length / 10).sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    messages: measured.length,
    p50: round(percentile(measured, 0.5)),
    p99: round(percentile(measured, 0.99)),
    max: round(measured.at(-1)!),
  };
}
