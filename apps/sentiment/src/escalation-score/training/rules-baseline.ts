import { dryRun } from '../../triggers/dry-run.js';
import type { RulesFirstTurn } from './evaluate.js';

/** What the baseline needs from each message of a rule dry run. */
export interface RuleTurn {
  sender: 'customer' | 'bot';
  escalates: boolean;
}

/**
 * The customer turn at which the rules first escalate. An escalation on a bot message (after a
 * fallback, say) counts at the customer turn that message answers: the rules get the benefit of
 * the doubt, so "turns earlier" never flatters the model.
 */
export function firstEscalatingTurn(turns: readonly RuleTurn[]): number | undefined {
  let customerTurns = 0;
  for (const turn of turns) {
    if (turn.sender === 'customer') customerTurns++;
    if (turn.escalates) return Math.max(1, customerTurns);
  }
  return undefined;
}

/**
 * The platform's default rules alone (the trained score left out), run over a generated
 * conversation exactly as the service would run them.
 */
export const rulesFirstTurn: RulesFirstTurn = (conversation) =>
  firstEscalatingTurn(
    dryRun(conversation.transcript, {
      language: conversation.language,
      ...(conversation.tier ? { customerTier: conversation.tier } : {}),
      withoutScore: true,
    }),
  );
