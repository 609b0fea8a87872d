import { transcriptOrder } from '../conversations/conversation-view.js';
import type {
  ConversationRecord,
  DecisionRecord,
  EscalationRecord,
  MessageRecord,
  VariableRecord,
} from '../conversations/conversation.records.js';
import type {
  FallbackRecord,
  NoteRecord,
  ProfileRecord,
  SentimentRecord,
} from '../conversations/context.records.js';

/** Everything stored about one conversation that its context packet is folded from. */
export interface ContextRecords {
  conversation: ConversationRecord;
  messages: MessageRecord[];
  variables: VariableRecord[];
  escalations: EscalationRecord[];
  decisions: DecisionRecord[];
  fallbacks: FallbackRecord[];
  profiles: ProfileRecord[];
  sentiments: SentimentRecord[];
  notes: NoteRecord[];
}

/** The transcript in the order it was said, as the conversation view orders it. */
export function inOrderSaid(messages: readonly MessageRecord[]): MessageRecord[] {
  return transcriptOrder(messages);
}

export const byTime =
  <T>(time: (record: T) => Date) =>
  (a: T, b: T) =>
    time(a).getTime() - time(b).getTime();
