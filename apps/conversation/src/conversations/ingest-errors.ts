import { maxVariablesPerConversation } from '@handoff/contracts';
import { RejectedEventError } from '@handoff/messaging';

/** Raised when an event names a conversation that was never started (or another tenant's). */
export class UnknownConversationError extends RejectedEventError {
  constructor(conversationId: string, tenantId: string, eventId?: string) {
    super(`conversation ${conversationId} of tenant ${tenantId} has not started`, eventId);
  }
}

export class TooManyVariablesError extends RejectedEventError {
  constructor(conversationId: string, name: string, eventId?: string) {
    super(
      `conversation ${conversationId} already holds ${maxVariablesPerConversation} variables; ${name} is one too many`,
      eventId,
    );
  }
}
