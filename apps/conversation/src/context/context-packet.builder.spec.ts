import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventValidator, contextPacketType, maxPacketMessages } from '@handoff/contracts';
import { buildContextPacket, conversationStatus } from './context-packet.builder.js';
import { at, caseRecords, message } from './context-records.fixtures.js';

const validator = new EventValidator();
const options = {
  packetId: 'context:d-2',
  occasion: 'assigned' as const,
  agentId: 'agent-7',
  builtAt: at(30),
};

describe('buildContextPacket', () => {
  it('fills every field of the packet from the records, and honours the contract', () => {
    const packet = buildContextPacket(caseRecords(), { ...options, commandId: 'cmd-1' });
    const checked = validator.validateData(contextPacketType, packet);
    assert.ok(checked.ok, checked.ok ? '' : checked.reason);
    assert.equal(packet.packetVersion, 1);
    assert.equal(packet.packetId, 'context:d-2');
    assert.equal(packet.conversationId, 'c-1');
    assert.equal(packet.tenantId, 'acme');
    assert.equal(packet.occasion, 'assigned');
    assert.equal(packet.agentId, 'agent-7');
    assert.equal(packet.commandId, 'cmd-1');
    assert.deepEqual(packet.conversation, {
      channel: 'whatsapp',
      language: 'en',
      startedAt: at(0).toISOString(),
      status: 'assigned',
    });
    assert.deepEqual(packet.customer, {
      customerId: 'cust-1',
      displayName: 'Maria',
      tier: 'gold',
      email: 'maria@example.com',
      attributes: { since: 2019, plan: 'pro' },
    });
    assert.deepEqual(packet.variables, { topic: 'billing', order: 1234 });
    assert.equal(packet.transcript.totalMessages, 5);
    assert.equal(packet.transcript.truncated, false);
    assert.deepEqual(packet.transcript.messages[3], {
      messageId: 'm-4',
      sender: 'bot',
      text: 'Sorry, I did not get that.',
      sentAt: at(4).toISOString(),
      intent: 'billing.refund',
      confidence: 0.3,
      fallback: true,
    });
    assert.deepEqual(packet.botAttempts, {
      intents: [{ intent: 'billing.refund', confidence: 0.9, count: 2 }],
      fallbacks: 1,
      lowConfidence: 1,
    });
    assert.deepEqual(
      packet.sentiment.trajectory.map(({ messageId, score }) => [messageId, score]),
      [
        ['m-1', 0.1],
        ['m-3', -0.3],
        ['m-5', -0.6],
      ],
    );
    assert.equal(packet.sentiment.trajectory[0]!.at, at(1).toISOString());
    assert.equal(packet.sentiment.trend, 'falling');
    assert.equal(packet.sentiment.smoothed, -0.35);
    assert.deepEqual(packet.triggers, [
      {
        kind: 'explicit_request',
        explanation: 'The customer asked for a human',
        matchedText: 'talk to a human',
        messageId: 'm-5',
        score: -0.6,
      },
    ]);
    assert.deepEqual(packet.escalation, {
      escalationId: 'esc-1',
      requestedAt: at(6).toISOString(),
    });
    assert.deepEqual(packet.detectedIntent, { intent: 'billing.refund', confidence: 0.9 });
    assert.equal(packet.summary.method, 'extractive');
    assert.equal(packet.summary.sentences.length, 3);
    assert.deepEqual(packet.suggestions, { replies: [], articles: [] });
    assert.deepEqual(packet.notes, [
      { agentId: 'agent-3', text: 'Called before', at: at(10).toISOString() },
      { agentId: 'agent-7', text: 'Refund pending', at: at(20).toISOString() },
    ]);
    assert.equal(packet.builtAt, at(30).toISOString());
  });

  it('carries the latest messages only, saying how many there were', () => {
    const records = caseRecords();
    records.messages = Array.from({ length: maxPacketMessages + 5 }, (_, index) =>
      message(`x-${index}`, 'customer', `message ${index}`, index),
    );
    const { transcript } = buildContextPacket(records, options);
    assert.equal(transcript.messages.length, maxPacketMessages);
    assert.equal(transcript.messages[0]!.messageId, 'x-5');
    assert.equal(transcript.totalMessages, maxPacketMessages + 5);
    assert.equal(transcript.truncated, true);
  });

  it('orders messages by when they were said, agent messages included, with their agent', () => {
    const records = caseRecords();
    records.messages.push(
      message('a-1', 'agent', 'Hi Maria, Ana here.', 0, { agentId: 'agent-7', seq: 1 }),
    );
    const { transcript } = buildContextPacket(records, options);
    assert.deepEqual(transcript.messages[0], {
      messageId: 'a-1',
      sender: 'agent',
      text: 'Hi Maria, Ana here.',
      sentAt: at(0).toISOString(),
      agentId: 'agent-7',
    });
  });

  it('takes the triggers of the latest escalation, all of them when it carries several', () => {
    const records = caseRecords();
    records.escalations.push({
      ...records.escalations[0]!,
      _id: 'esc-2',
      requestedAt: at(40),
      triggers: [
        { kind: 'negative_sentiment', explanation: 'Mood fell', score: -0.7 },
        { kind: 'bot_trouble', explanation: 'Three fallbacks', messageId: 'm-4' },
      ],
    });
    const packet = buildContextPacket(records, options);
    assert.equal(packet.escalation?.escalationId, 'esc-2');
    assert.deepEqual(
      packet.triggers.map(({ kind }) => kind),
      ['negative_sentiment', 'bot_trouble'],
    );
  });

  it('leaves out what a conversation still with the bot does not have', () => {
    const records = {
      ...caseRecords(),
      escalations: [],
      decisions: [],
      notes: [],
      sentiments: [],
      messages: [],
    };
    const packet = buildContextPacket(records, {
      packetId: 'p',
      occasion: 'requested',
      builtAt: at(9),
    });
    assert.equal(packet.conversation.status, 'bot');
    assert.deepEqual(packet.triggers, []);
    assert.deepEqual(packet.sentiment, { trajectory: [] });
    assert.deepEqual(packet.summary, { sentences: [], method: 'extractive' });
    for (const absent of ['escalation', 'detectedIntent', 'notes', 'agentId', 'commandId'])
      assert.equal(absent in packet, false, absent);
  });

  it('uses the summary and suggestions it is given', () => {
    const summary = { sentences: ['Double charge.'], method: 'llm' as const };
    const suggestions = { replies: [{ text: 'Sorry', score: 1 }], articles: [] };
    const packet = buildContextPacket(caseRecords(), { ...options, summary, suggestions });
    assert.deepEqual(packet.summary, summary);
    assert.deepEqual(packet.suggestions, suggestions);
  });
});

describe('conversationStatus', () => {
  const escalation = caseRecords().escalations[0];
  const decision = (outcome: string, second: number) => ({
    _id: `d-${second}`,
    conversationId: 'c-1',
    tenantId: 'acme',
    escalationId: 'esc-1',
    outcome,
    decidedAt: at(second),
  });

  it('reads where the conversation stands from its decisions, in time order', () => {
    assert.equal(conversationStatus([], undefined), 'bot');
    assert.equal(conversationStatus([], escalation), 'awaiting_agent');
    assert.equal(conversationStatus([decision('queued', 1)], escalation), 'queued');
    assert.equal(
      conversationStatus([decision('offered', 2), decision('queued', 1)], escalation),
      'offered',
    );
    assert.equal(conversationStatus([decision('deflected', 1)], escalation), 'bot');
    assert.equal(
      conversationStatus([decision('rerouted', 2), decision('queued', 1)], escalation),
      'queued',
    );
    assert.equal(conversationStatus([decision('abandoned', 1)], escalation), 'closed');
  });

  it('keeps an assignment against a late queued decision, but not against a transfer', () => {
    assert.equal(
      conversationStatus([decision('assigned', 1), decision('queued', 2)], escalation),
      'assigned',
    );
    assert.equal(
      conversationStatus(
        [decision('assigned', 1), decision('transferred', 2), decision('offered', 3)],
        escalation,
      ),
      'offered',
    );
    assert.equal(
      conversationStatus([decision('assigned', 1), decision('transferred', 2)], escalation),
      'awaiting_agent',
    );
  });
});
