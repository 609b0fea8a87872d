import { Injectable, Logger } from '@nestjs/common';
import {
  deriveId,
  escalationRequestedType,
  sentimentScoredType,
  type MessageRecorded,
} from '@handoff/contracts';
import type { EventSink } from '@handoff/messaging';
import { scoreSentiment } from '../scoring/sentiment-scorer.js';
import { detectExplicitRequest } from '../triggers/explicit-request.js';

/**
 * Scores each customer message and runs the escalation triggers over it. Ids derive from the
 * message, so a redelivered message produces the same escalation id and routing can ignore it.
 */
@Injectable()
export class EvaluationService {
  private readonly logger = new Logger(EvaluationService.name);

  evaluate(recorded: MessageRecorded, sink: EventSink, traceparent?: string): void {
    if (recorded.message.sender !== 'customer') return;
    const { conversationId, tenantId, message } = recorded;
    // The bot platform's language picks the lexicon; the scorer detects one when it is unsupported.
    const sentiment = scoreSentiment(message.text, recorded.language);
    const now = new Date().toISOString();

    const trace = traceparent ? { traceparent } : {};
    sink.emit(
      sentimentScoredType,
      { conversationId, tenantId, messageId: message.messageId, sentiment, scoredAt: now },
      { id: deriveId('scored', conversationId, message.messageId), ...trace },
    );

    const trigger = detectExplicitRequest(message.text);
    if (!trigger) return;
    const escalationId = deriveId('esc', conversationId, message.messageId);
    sink.emit(
      escalationRequestedType,
      {
        escalationId,
        conversationId,
        tenantId,
        language: recorded.language,
        channel: recorded.channel,
        trigger: { ...trigger, messageId: message.messageId },
        sentiment,
        variables: recorded.variables,
        requestedAt: now,
      },
      { id: escalationId, ...trace },
    );
    this.logger.debug({ message: 'escalation requested', conversationId, trigger: trigger.kind });
  }
}
