import type { EscalationRequested } from '@handoff/contracts';
import type { CompiledRules, ConversationFacts } from '@handoff/trigger-rules';
import type { ConversationSignals } from '../signals/conversation-signals.js';

/** One trigger that fired: why, on which message, against which rule, with what measure. */
export type FiredTrigger = EscalationRequested['trigger'] & {
  priority: number;
  skill?: string;
};

/** Everything a trigger looks at for one message, after the message joined the signals. */
export interface TurnContext {
  signals: ConversationSignals;
  message: { messageId: string; sender: string; text: string; folded: string };
  /** The message's scores, for customer messages. */
  scores?: { sentiment: number; frustration: number };
  facts: ConversationFacts;
  rules: CompiledRules;
  now: number;
}

export type Trigger = (turn: TurnContext) => FiredTrigger[];

export const round2 = (value: number) => Math.round(value * 100) / 100;
