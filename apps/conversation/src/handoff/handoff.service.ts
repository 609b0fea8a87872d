import { Injectable, Logger } from '@nestjs/common';
import {
  conversationControlRequestedType,
  deriveId,
  type EscalationRequested,
  type RoutingDecided,
} from '@handoff/contracts';
import type { EventBatch, EventSink } from '@handoff/messaging';
import { meter } from '@handoff/service-kit';
import { CustomerNotifier } from '../notifications/customer-notifier.js';
import { decisionEffects } from './decision-effects.js';
import type { DecisionRecord } from '../conversations/conversation.records.js';
import { decisionRecord } from './decision-record.js';
import { HandoffMemories } from './handoff-memories.js';
import { HandoffOptions } from './handoff.options.js';

const ignoredOutcomes = meter().createCounter('handoff_decisions_ignored_total', {
  description:
    'Routing decisions that call for nothing (offered, rerouted, abandoned, or an outcome this version does not know), by outcome',
});

/** Where effects go: the handler's batch, which can also undo memory when it fails. */
export type HandoffSink = EventSink & Partial<Pick<EventBatch<never>, 'onFailure'>>;

/**
 * Turns escalations and routing decisions into what the bot platform must do: tell the customer
 * what is happening, in their language and their tenant's wording, and pause the bot while a human
 * has (or is about to have) the conversation, or resume it when no agent will take it. The events
 * carry the language and channel, so nothing is read from the store. Event ids derive from the
 * escalation or decision, so a redelivery yields recognisable duplicates.
 */
@Injectable()
export class HandoffService {
  private readonly logger = new Logger(HandoffService.name);
  private readonly memories = new HandoffMemories();

  constructor(
    private readonly notifier: CustomerNotifier,
    private readonly options: HandoffOptions,
  ) {}

  /**
   * The handoff starts: the customer is told they are being connected with someone, once per
   * escalation. Escalations and decisions come on different topics, so a decision may be read
   * first; it then tells "connecting" before its own notice (see `applyDecision`).
   */
  startHandoff(
    escalation: EscalationRequested,
    channel: string,
    sink: HandoffSink,
    traceparent?: string,
  ): void {
    const { conversationId, escalationId } = escalation;
    const remembered = this.memories.get(conversationId);
    if (remembered?.escalationId === escalationId) return;
    this.memories.set(conversationId, { escalationId, assigned: false });
    sink.onFailure?.(() => this.memories.set(conversationId, remembered));
    this.tellConnecting(sink, escalation, channel, escalation.language, traceparent);
  }

  /** Emits what the decision calls for and returns the record to keep of it. */
  applyDecision(
    decision: RoutingDecided,
    channel: string,
    sink: HandoffSink,
    traceparent?: string,
  ): DecisionRecord {
    const { conversationId, tenantId } = decision;
    const remembered = this.memories.get(conversationId);
    const effects = decisionEffects(decision, remembered, this.options.positionUpdateIntervalMs);
    this.memories.set(conversationId, effects.memory);
    sink.onFailure?.(() => this.memories.set(conversationId, remembered));
    if (!effects.notice && !effects.control) {
      ignoredOutcomes.add(1, { outcome: decision.outcome });
      return decisionRecord(decision);
    }
    const trace = traceparent ? { traceparent } : {};
    if (effects.notice) {
      // The first notice of an escalation read before the escalation itself: "connecting" first.
      if (remembered?.escalationId !== decision.escalationId)
        this.tellConnecting(sink, decision, channel, decision.requirements.language, traceparent);
      this.notifier.notify(sink, {
        id: deriveId('notice', decision.decisionId),
        conversationId,
        tenantId,
        channel,
        language: decision.requirements.language,
        ...effects.notice,
        ...trace,
      });
    }
    if (effects.control)
      sink.emit(
        conversationControlRequestedType,
        {
          conversationId,
          tenantId,
          ...effects.control,
          ...(decision.agent ? { agentId: decision.agent.agentId } : {}),
          requestedAt: new Date().toISOString(),
        },
        { id: deriveId('control', decision.decisionId), ...trace },
      );
    this.logger.debug({ message: 'handoff applied', conversationId, outcome: decision.outcome });
    return decisionRecord(decision);
  }

  /** Its id derives from the escalation, so either path tells it under the same id. */
  private tellConnecting(
    sink: EventSink,
    { escalationId, conversationId, tenantId }: EscalationRequested | RoutingDecided,
    channel: string,
    language: string,
    traceparent?: string,
  ): void {
    this.notifier.notify(sink, {
      id: deriveId('notice', escalationId),
      conversationId,
      tenantId,
      channel,
      language,
      template: 'handoff.connecting',
      ...(traceparent ? { traceparent } : {}),
    });
  }
}
