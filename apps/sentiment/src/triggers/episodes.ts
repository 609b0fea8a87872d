import type { CompiledRules } from '@handoff/trigger-rules';
import type { ConversationSignals } from '../signals/conversation-signals.js';

/**
 * How long an escalation episode stays open when nobody hands the conversation back (routing said
 * nobody is online and the bot carried on): after this, the triggers may escalate again.
 */
export const episodeLimitMs = 60 * 60_000;

/** An agent handed the conversation back: the episode ends, and only new bot trouble counts. */
export function handBack(signals: ConversationSignals, releasedAt: number): void {
  if (signals.releasedAt !== undefined && signals.releasedAt >= releasedAt) return;
  signals.releasedAt = releasedAt;
  signals.countedAtRelease = {
    fallbacks: signals.fallbacks,
    lowConfidenceTurns: signals.lowConfidenceTurns,
  };
  if (signals.episode && signals.episode.openedAt <= releasedAt) delete signals.episode;
}

/** Why an escalation may not start now, or undefined when it may. */
export function episodeBlocks(
  signals: ConversationSignals,
  at: number,
  rules: CompiledRules,
): string | undefined {
  const episode = signals.episode;
  if (episode && at - episode.openedAt < episodeLimitMs)
    return `escalation ${episode.escalationId} is still open`;
  const cooldownMs = rules.cooldownMinutes * 60_000;
  if (signals.releasedAt !== undefined && at - signals.releasedAt < cooldownMs)
    return `the conversation came back to the bot less than ${rules.cooldownMinutes} minutes ago`;
  return undefined;
}
