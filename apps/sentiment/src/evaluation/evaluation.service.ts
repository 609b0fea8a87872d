import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  escalationRequestedType,
  sentimentScoredType,
  deriveId,
  Topics,
  type MessageRecorded,
} from '@handoff/contracts';
import { PartitionOwnership, type EventSink } from '@handoff/messaging';
import { meter } from '@handoff/service-kit';
import {
  newSignals,
  trajectoryOf,
  type ConversationSignals,
} from '../signals/conversation-signals.js';
import { labelOf } from '../scoring/sentiment-scorer.js';
import { SignalsCache } from '../signals/signals-cache.js';
import { signalsKey } from '../signals/signals.record.js';
import { SignalsStore } from '../signals/signals.store.js';
import { TenantRules } from '../tenant-rules/tenant-rules.js';
import { allTriggers } from '../triggers/all-triggers.js';
import { EscalationScorer } from '../triggers/conversation-triggers.js';
import { evaluateTurn, type TurnOutcome } from '../triggers/evaluate-turn.js';
import { EvaluationOptions } from './evaluation.options.js';

const firedTriggers = meter().createCounter('handoff_escalation_triggers_fired_total', {
  description:
    'Triggers that fired on a message, by tenant and kind, whether an escalation followed or not',
});
const heldBack = meter().createCounter('handoff_escalations_held_back_total', {
  description:
    'Messages whose triggers fired while an escalation was open, an agent held the conversation or the cooldown ran',
});

/** One recorded message, with the trace it came with. */
export interface RecordedEvent {
  data: MessageRecorded;
  traceparent?: string;
}

/**
 * Scores each customer message and runs the escalation triggers over each message, with the
 * conversation's signals held in memory (read from the store only for conversations a batch
 * misses, written back once per batch). Ids derive from the message, so a redelivered message
 * yields the same events.
 */
@Injectable()
export class EvaluationService implements OnModuleInit {
  private readonly cache: SignalsCache;
  private readonly triggers;

  constructor(
    private readonly store: SignalsStore,
    private readonly rules: TenantRules,
    options: EvaluationOptions,
    model: EscalationScorer,
    ownership: PartitionOwnership,
  ) {
    this.cache = new SignalsCache(options.cacheSize);
    this.triggers = allTriggers(model);
    // Another instance may have changed conversations of a partition while this one did not own
    // it: what memory held is dropped, and the list of stored conversations read again.
    ownership.onRevoked((topic) => {
      if (topic === Topics.ConversationMessages) this.cache.clear();
    });
    ownership.onAssigned((topic) => {
      if (topic === Topics.ConversationMessages) void this.store.refreshKnown();
    });
  }

  onModuleInit(): void {
    void this.store.refreshKnown();
  }

  async evaluate(
    events: readonly RecordedEvent[],
    sink: EventSink,
    onFailure: (undo: () => void) => void,
  ): Promise<void> {
    const keys = [
      ...new Set(events.map(({ data }) => signalsKey(data.tenantId, data.conversationId))),
    ];
    const missing = keys.filter((key) => !this.cache.has(key));
    for (const [key, signals] of await this.store.load(missing)) this.cache.put(key, signals);
    // Memory must not run ahead of the store: if the batch fails, its conversations are read again.
    onFailure(() => keys.forEach((key) => this.cache.delete(key)));

    const changed = new Map<string, ConversationSignals>();
    for (const { data, traceparent } of events) {
      const key = signalsKey(data.tenantId, data.conversationId);
      const signals =
        this.cache.get(key) ??
        newSignals(data.conversationId, data.tenantId, Date.parse(data.message.sentAt));
      this.cache.put(key, signals);
      const outcome = evaluateTurn(signals, data, this.rules.of(data.tenantId), this.triggers);
      changed.set(key, signals);
      this.publish(data, signals, outcome, sink, traceparent);
    }
    await this.store.save([...changed.values()]);
  }

  private publish(
    recorded: MessageRecorded,
    signals: ConversationSignals,
    outcome: TurnOutcome,
    sink: EventSink,
    traceparent: string | undefined,
  ): void {
    const { conversationId, tenantId, message } = recorded;
    const trace = traceparent ? { traceparent } : {};
    const now = new Date().toISOString();
    if (outcome.scores) {
      const { sentiment, frustration, language } = outcome.scores;
      const { smoothed, change } = trajectoryOf(signals, 3);
      sink.emit(
        sentimentScoredType,
        {
          conversationId,
          tenantId,
          messageId: message.messageId,
          sentiment: { score: sentiment, label: labelOf(sentiment) },
          frustration,
          language,
          trajectory: { smoothed, change, turns: Math.max(1, signals.turns) },
          scoredAt: now,
        },
        { id: deriveId('scored', conversationId, message.messageId), ...trace },
      );
    }
    for (const fired of outcome.fired) firedTriggers.add(1, { tenant: tenantId, kind: fired.kind });
    if (outcome.heldBack) heldBack.add(1, { tenant: tenantId });
    if (outcome.escalation)
      sink.emit(
        escalationRequestedType,
        { ...outcome.escalation, requestedAt: now },
        { id: outcome.escalation.escalationId, ...trace },
      );
  }
}
