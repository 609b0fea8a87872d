import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { botAttempts, detectedIntent, lowConfidenceThreshold } from './bot-attempts.js';
import { at, message } from './context-records.fixtures.js';

const fallbackEvent = (fallbackId: string, messageId?: string) => ({
  _id: fallbackId,
  conversationId: 'c-1',
  tenantId: 'acme',
  fallbackId,
  ...(messageId ? { messageId } : {}),
  occurredAt: at(1),
  seq: 1,
});

describe('botAttempts', () => {
  it('lists intents in first-seen order, each with its best confidence and count', () => {
    const attempts = botAttempts(
      [
        message('b-1', 'bot', 'a', 1, { bot: { intent: 'delivery.status', confidence: 0.6 } }),
        message('b-2', 'bot', 'b', 2, { bot: { intent: 'billing.refund', confidence: 0.4 } }),
        message('b-3', 'bot', 'c', 3, { bot: { intent: 'delivery.status', confidence: 0.8 } }),
        message('b-4', 'bot', 'd', 4, { bot: { intent: 'greeting' } }),
        message('c-1', 'customer', 'e', 5),
      ],
      [],
    );
    assert.deepEqual(attempts.intents, [
      { intent: 'delivery.status', confidence: 0.8, count: 2 },
      { intent: 'billing.refund', confidence: 0.4, count: 1 },
      { intent: 'greeting', count: 1 },
    ]);
    assert.equal(attempts.lowConfidence, 1);
    assert.equal(attempts.fallbacks, 0);
  });

  it(`counts answers below ${lowConfidenceThreshold} as low confidence, not those at it`, () => {
    const attempts = botAttempts(
      [
        message('b-1', 'bot', 'a', 1, { bot: { confidence: 0.49 } }),
        message('b-2', 'bot', 'b', 2, { bot: { confidence: 0.5 } }),
      ],
      [],
    );
    assert.equal(attempts.lowConfidence, 1);
  });

  it('counts fallback events and flagged bot messages once for the same failure', () => {
    const messages = [
      message('c-1', 'customer', 'what?', 1),
      message('b-1', 'bot', 'Sorry?', 2, { bot: { fallback: true } }),
      message('c-2', 'customer', 'hmm', 3),
      message('b-2', 'bot', 'Sorry again?', 4, { bot: { fallback: true } }),
      message('b-3', 'bot', 'Pardon?', 5, { bot: { fallback: true } }),
    ];
    // c-1's failure is told twice (event and flag); b-3 is named by its event; b-2 by nothing.
    const attempts = botAttempts(messages, [
      fallbackEvent('fb-1', 'c-1'),
      fallbackEvent('fb-2', 'b-3'),
      fallbackEvent('fb-3'),
    ]);
    assert.equal(attempts.fallbacks, 3 + 1);
  });
});

describe('detectedIntent', () => {
  it('is the last intent recognised with confidence, skipping fallbacks and shaky answers', () => {
    assert.deepEqual(
      detectedIntent([
        message('b-1', 'bot', 'a', 1, { bot: { intent: 'billing.refund', confidence: 0.9 } }),
        message('b-2', 'bot', 'b', 2, { bot: { intent: 'delivery.status', confidence: 0.2 } }),
        message('b-3', 'bot', 'c', 3, {
          bot: { intent: 'other', confidence: 0.9, fallback: true },
        }),
      ]),
      { intent: 'billing.refund', confidence: 0.9 },
    );
    assert.deepEqual(
      detectedIntent([message('b-1', 'bot', 'a', 1, { bot: { intent: 'greeting' } })]),
      {
        intent: 'greeting',
      },
    );
    assert.equal(detectedIntent([message('c-1', 'customer', 'a', 1)]), undefined);
  });
});
