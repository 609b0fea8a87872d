// Events as a bot platform sends them, and a way to ingest them as one batch, for the ingest tests.
import assert from 'node:assert/strict';
import {
  EventValidator,
  conversationEndedType,
  conversationStartedType,
  createEvent,
  messagePostedType,
  messageRecordedType,
  variableCollectedType,
  type ConversationEnded,
  type ConversationStarted,
  type MessagePosted,
  type VariableCollected,
} from '@handoff/contracts';
import type { ConversationStates } from './conversation-states.js';
import { ingest, type ConversationEvent, type Ingested } from './ingest.js';

export const tenantId = 'acme';
export const intruder = 'intruder';
const validator = new EventValidator();
export const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

let nextEventId = 0;
const source = { source: '/tests/bot-platform' };
const eventId = () => `evt-${++nextEventId}`;

export function started(
  conversationId: string,
  changes: Partial<ConversationStarted> = {},
): ConversationEvent {
  return createEvent(
    conversationStartedType,
    {
      conversationId,
      tenantId,
      channel: 'whatsapp',
      language: 'es',
      customer: { customerId: `cust-${conversationId}`, displayName: 'Carla', tier: 'gold' },
      startedAt: '2026-11-25T10:00:00.000Z',
      ...changes,
    },
    { ...source, id: eventId() },
  );
}

export function posted(
  conversationId: string,
  messageId: string,
  changes: Partial<MessagePosted> = {},
  withTrace?: string,
): ConversationEvent {
  return createEvent(
    messagePostedType,
    {
      conversationId,
      tenantId,
      messageId,
      sender: 'customer',
      text: `text of ${messageId}`,
      sentAt: '2026-11-25T10:01:00.000Z',
      ...changes,
    },
    { ...source, id: eventId(), ...(withTrace ? { traceparent: withTrace } : {}) },
  );
}

export function collected(
  conversationId: string,
  name: string,
  value: VariableCollected['value'],
  changes: Partial<VariableCollected> = {},
): ConversationEvent {
  return createEvent(
    variableCollectedType,
    { conversationId, tenantId, name, value, collectedAt: '2026-11-25T10:00:30.000Z', ...changes },
    { ...source, id: eventId() },
  );
}

export function ended(
  conversationId: string,
  changes: Partial<ConversationEnded> = {},
): ConversationEvent {
  return createEvent(
    conversationEndedType,
    {
      conversationId,
      tenantId,
      reason: 'resolved',
      endedAt: '2026-11-25T10:09:00.000Z',
      ...changes,
    },
    { ...source, id: eventId() },
  );
}

/** Ingests events as one batch of partition 2, at offsets from `firstOffset` on. */
export function ingestBatch(
  states: ConversationStates,
  events: ConversationEvent[],
  firstOffset = 1000,
): Ingested & { touched: Set<string> } {
  const offsets = events.map((_, index) => String(firstOffset + index));
  const touched = new Set<string>();
  return { ...ingest(events, offsets, 2, states, new Map(), touched), touched };
}

export function assertValidRecorded(result: Ingested): void {
  for (const { data } of result.recorded) {
    const validation = validator.validateData(messageRecordedType, data);
    assert.ok(
      validation.ok,
      `message.recorded breaks its schema: ${validation.ok ? '' : validation.reason}`,
    );
  }
}

export function variablesOf(count: number, prefix = 'var'): ConversationEvent[] {
  return Array.from({ length: count }, (_, index) => collected('c1', `${prefix}_${index}`, index));
}
