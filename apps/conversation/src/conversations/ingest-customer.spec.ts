import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  botFallbackType,
  conversationStartedType,
  createEvent,
  customerProfileType,
} from '@handoff/contracts';
import { ConversationStates } from './conversation-states.js';
import { ingest, UnknownConversationError, type ConversationEvent } from './ingest.js';

const source = { source: '/tests' };
const started = createEvent(
  conversationStartedType,
  {
    conversationId: 'c-1',
    tenantId: 'acme',
    channel: 'web',
    language: 'en',
    customer: { customerId: 'cust-1' },
    startedAt: '2026-11-25T10:00:00.000Z',
  },
  { ...source, id: 'e-start' },
);
const fallback = (tenantId = 'acme') =>
  createEvent(
    botFallbackType,
    {
      fallbackId: 'fb-1',
      conversationId: 'c-1',
      tenantId,
      messageId: 'm-1',
      intent: 'billing.refund',
      confidence: 0.2,
      occurredAt: '2026-11-25T10:00:05.000Z',
    },
    { ...source, id: 'e-fallback' },
  );
const profile = createEvent(
  customerProfileType,
  {
    conversationId: 'c-1',
    tenantId: 'acme',
    customer: { customerId: 'cust-1', tier: 'gold' },
    updatedAt: '2026-11-25T10:00:06.000Z',
  },
  { ...source, id: 'e-profile' },
);

const run = (events: ConversationEvent[]) =>
  ingest(
    events,
    events.map((_, index) => String(40 + index)),
    0,
    new ConversationStates(100),
    new Map(),
    new Set(),
  );

describe('ingest of what the bot platform adds for the context packet', () => {
  it('keeps each fallback and each profile as a record with a deterministic id and its offset', () => {
    const ingested = run([started, fallback(), profile]);
    assert.deepEqual(ingested.fallbacks, [
      {
        _id: 'fallback:c-1:fb-1',
        conversationId: 'c-1',
        tenantId: 'acme',
        fallbackId: 'fb-1',
        messageId: 'm-1',
        intent: 'billing.refund',
        confidence: 0.2,
        occurredAt: new Date('2026-11-25T10:00:05.000Z'),
        seq: 41,
      },
    ]);
    assert.deepEqual(ingested.profiles, [
      {
        _id: 'profile:c-1:e-profile',
        conversationId: 'c-1',
        tenantId: 'acme',
        customer: { customerId: 'cust-1', tier: 'gold' },
        updatedAt: new Date('2026-11-25T10:00:06.000Z'),
        seq: 42,
      },
    ]);
  });

  it("rejects a fallback or profile for a conversation not started, or another tenant's", () => {
    assert.throws(() => run([fallback()]), UnknownConversationError);
    assert.throws(() => run([profile]), UnknownConversationError);
    assert.throws(() => run([started, fallback('globex')]), UnknownConversationError);
  });
});
