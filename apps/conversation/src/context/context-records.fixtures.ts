import type { MessageRecord } from '../conversations/conversation.records.js';
import type { ContextRecords } from './context-records.js';

export const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, second));

let seq = 0;

export function message(
  messageId: string,
  sender: string,
  text: string,
  second: number,
  extra: Partial<MessageRecord> = {},
): MessageRecord {
  seq += 1;
  return {
    _id: `msg:c-1:${messageId}`,
    conversationId: 'c-1',
    tenantId: 'acme',
    messageId,
    sender,
    text,
    sentAt: at(second),
    seq,
    ...extra,
  };
}

/** A conversation where the bot failed to help with a double charge and the customer asked for a human. */
export function caseRecords(): ContextRecords {
  return {
    conversation: {
      _id: 'c-1',
      tenantId: 'acme',
      channel: 'whatsapp',
      language: 'en',
      customer: { customerId: 'cust-1', displayName: 'Maria', tier: 'silver' },
      startedAt: at(0),
    },
    messages: [
      message('m-1', 'customer', 'I was charged twice for my order.', 1),
      message('m-2', 'bot', 'Let me look at your invoice.', 2, {
        bot: { intent: 'billing.refund', confidence: 0.9 },
      }),
      message('m-3', 'customer', 'That is not what I asked. Where is my refund?', 3),
      message('m-4', 'bot', 'Sorry, I did not get that.', 4, {
        bot: { intent: 'billing.refund', confidence: 0.3, fallback: true },
      }),
      message('m-5', 'customer', 'I want to talk to a human now!', 5),
    ],
    variables: [
      {
        _id: 'v1',
        conversationId: 'c-1',
        tenantId: 'acme',
        name: 'topic',
        value: 'sales',
        collectedAt: at(1),
        seq: 1,
      },
      {
        _id: 'v2',
        conversationId: 'c-1',
        tenantId: 'acme',
        name: 'topic',
        value: 'billing',
        collectedAt: at(2),
        seq: 2,
      },
      {
        _id: 'v3',
        conversationId: 'c-1',
        tenantId: 'acme',
        name: 'order',
        value: 1234,
        collectedAt: at(2),
        seq: 3,
      },
    ],
    escalations: [
      {
        _id: 'esc-1',
        conversationId: 'c-1',
        tenantId: 'acme',
        trigger: 'explicit_request',
        explanation: 'The customer asked for a human',
        matchedText: 'talk to a human',
        messageId: 'm-5',
        sentiment: { score: -0.6, label: 'negative' },
        requestedAt: at(6),
      },
    ],
    decisions: [
      {
        _id: 'd-1',
        conversationId: 'c-1',
        tenantId: 'acme',
        escalationId: 'esc-1',
        outcome: 'queued',
        queueReason: 'all_agents_busy',
        decidedAt: at(7),
      },
      {
        _id: 'd-2',
        conversationId: 'c-1',
        tenantId: 'acme',
        escalationId: 'esc-1',
        outcome: 'assigned',
        agentId: 'agent-7',
        agentDisplayName: 'Ana',
        decidedAt: at(8),
      },
    ],
    fallbacks: [
      {
        _id: 'f-1',
        conversationId: 'c-1',
        tenantId: 'acme',
        fallbackId: 'fb-1',
        messageId: 'm-3',
        occurredAt: at(4),
        seq: 10,
      },
    ],
    profiles: [
      {
        _id: 'p-2',
        conversationId: 'c-1',
        tenantId: 'acme',
        customer: { customerId: 'cust-1', tier: 'gold', attributes: { plan: 'pro' } },
        updatedAt: at(3),
        seq: 12,
      },
      {
        _id: 'p-1',
        conversationId: 'c-1',
        tenantId: 'acme',
        customer: {
          customerId: 'cust-1',
          tier: 'bronze',
          email: 'maria@example.com',
          attributes: { since: 2019 },
        },
        updatedAt: at(2),
        seq: 11,
      },
    ],
    sentiments: [
      {
        _id: 's-3',
        conversationId: 'c-1',
        tenantId: 'acme',
        messageId: 'm-3',
        score: -0.3,
        label: 'negative',
        scoredAt: at(4),
      },
      {
        _id: 's-1',
        conversationId: 'c-1',
        tenantId: 'acme',
        messageId: 'm-1',
        score: 0.1,
        label: 'neutral',
        scoredAt: at(2),
      },
    ],
    notes: [
      {
        _id: 'n-2',
        conversationId: 'c-1',
        tenantId: 'acme',
        agentId: 'agent-7',
        text: 'Refund pending',
        at: at(20),
      },
      {
        _id: 'n-1',
        conversationId: 'c-1',
        tenantId: 'acme',
        agentId: 'agent-3',
        text: 'Called before',
        at: at(10),
      },
    ],
  };
}
