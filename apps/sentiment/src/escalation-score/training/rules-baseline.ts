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

/** The rule triggers' first escalating turn for each conversation, when the dry run is available. */
export async function rulesBaseline(): Promise<{
  firstTurn?: RulesFirstTurn;
  unavailable?: string;
}> {
  return { unavailable: 'the rule dry run is not available in this build' };
}
