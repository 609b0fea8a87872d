import {
  botTrouble,
  businessRules,
  loops,
  repetition,
  trainedScore,
  type EscalationScorer,
} from './conversation-triggers.js';
import type { FiredTrigger, Trigger, TurnContext } from './fired-trigger.js';
import { explicitRequest, keywords, sentiment } from './message-triggers.js';

/** The eight triggers, in the order their explanations read best. */
export function allTriggers(model: EscalationScorer): Trigger[] {
  return [
    explicitRequest,
    keywords,
    sentiment,
    repetition,
    botTrouble,
    loops,
    businessRules,
    trainedScore(model),
  ];
}

/** Every trigger that fires on the turn, the highest priority first (stable otherwise). */
export function firedOn(turn: TurnContext, triggers: readonly Trigger[]): FiredTrigger[] {
  return triggers
    .flatMap((trigger) => trigger(turn))
    .map((fired, order) => ({ fired, order }))
    .sort((a, b) => b.fired.priority - a.fired.priority || a.order - b.order)
    .map(({ fired }) => fired);
}
