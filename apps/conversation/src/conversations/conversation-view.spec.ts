import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  ConversationRecord,
  DecisionRecord,
  EscalationRecord,
  MessageRecord,
  VariableRecord,
} from './conversation.records.js';
import { conversationView, transcriptOrder } from './conversation-view.js';

const tenantId = 'acme';
const conversationId = 'c1';

const conversation: ConversationRecord = {
  _id: conversationId,
  tenantId,
  channel: 'whatsapp',
  language: 'es',
  customer: { customerId: 'cust-1', displayName: 'Carla', tier: 'gold' },
  startedAt: new Date('2026-11-25T10:00:00.000Z'),
};

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 25, 10, minute, second));

function message(
  messageId: string,
  seq: number,
  changes: Partial<MessageRecord> = {},
): MessageRecord {
  return {
    _id: `msg:${conversationId}:${messageId}`,
    conversationId,
    tenantId,
    messageId,
    sender: 'customer',
    text: `text of ${messageId}`,
    sentAt: at(1),
    seq,
    ...changes,
  };
}

function variable(name: string, value: VariableRecord['value'], seq: number): VariableRecord {
  return {
    _id: `var:${conversationId}:${seq}`,
    conversationId,
    tenantId,
    name,
    value,
    collectedAt: at(0, seq % 60),
    seq,
  };
}

function escalation(escalationId: string, requestedAt: Date): EscalationRecord {
  return {
    _id: escalationId,
    conversationId,
    tenantId,
    trigger: 'explicit_request',
    explanation: 'asked for a human',
    matchedText: 'una persona',
    messageId: 'm1',
    sentiment: { score: -0.4, label: 'negative' },
    requestedAt,
  };
}

function assigned(decisionId: string, decidedAt: Date, agent = 'ana'): DecisionRecord {
  return {
    _id: decisionId,
    conversationId,
    tenantId,
    escalationId: 'esc-1',
    outcome: 'assigned',
    agentId: `agent-${agent}`,
    agentDisplayName: agent === 'ana' ? 'Ana' : agent,
    decidedAt,
  };
}

function queued(decisionId: string, decidedAt: Date): DecisionRecord {
  return {
    _id: decisionId,
    conversationId,
    tenantId,
    escalationId: 'esc-1',
    outcome: 'queued',
    queueReason: 'all_agents_busy',
    decidedAt,
  };
}

type Records = Parameters<typeof conversationView>[1];

function view(records: Partial<Records> = {}) {
  return conversationView(conversation, {
    messages: [],
    variables: [],
    escalations: [],
    decisions: [],
    ...records,
  });
}

describe('conversationView', () => {
  it('shows a conversation only the bot has had', () => {
    assert.deepEqual(view(), {
      conversationId,
      tenantId,
      channel: 'whatsapp',
      language: 'es',
      customer: { customerId: 'cust-1', displayName: 'Carla', tier: 'gold' },
      startedAt: new Date('2026-11-25T10:00:00.000Z'),
      status: 'bot',
      variables: {},
      transcript: [],
    });
  });

  it('awaits an agent once escalated, explaining why', () => {
    const result = view({ escalations: [escalation('esc-1', at(2))] });

    assert.equal(result.status, 'awaiting_agent');
    assert.deepEqual(result.escalation, {
      escalationId: 'esc-1',
      trigger: 'explicit_request',
      explanation: 'asked for a human',
      matchedText: 'una persona',
      messageId: 'm1',
      sentiment: { score: -0.4, label: 'negative' },
      requestedAt: at(2),
    });
    assert.equal(result.assignment, undefined);
  });

  it('leaves out matched text the trigger did not give', () => {
    const withoutText = escalation('esc-1', at(2));
    delete withoutText.matchedText;

    assert.equal('matchedText' in view({ escalations: [withoutText] }).escalation!, false);
  });

  it('keeps the first escalation when a later one arrives, in whatever order they are read', () => {
    const first = escalation('esc-first', at(2));
    const later = escalation('esc-later', at(5));

    assert.equal(view({ escalations: [later, first] }).escalation?.escalationId, 'esc-first');
    assert.equal(view({ escalations: [first, later] }).escalation?.escalationId, 'esc-first');
  });

  it('is queued when routing queued it, and says why', () => {
    const result = view({
      escalations: [escalation('esc-1', at(2))],
      decisions: [queued('d-queued', at(3))],
    });

    assert.equal(result.status, 'queued');
    assert.deepEqual(result.assignment, {
      decisionId: 'd-queued',
      outcome: 'queued',
      queueReason: 'all_agents_busy',
      decidedAt: at(3),
    });
  });

  it('is back with the bot when routing deflected it or its wait ran out', () => {
    const expired: DecisionRecord = { ...queued('d-expired', at(4)), outcome: 'expired' };
    delete expired.queueReason;
    const result = view({
      escalations: [escalation('esc-1', at(2))],
      decisions: [queued('d-queued', at(3)), expired],
    });

    assert.equal(result.status, 'bot');
    assert.equal(result.assignment?.outcome, 'expired');
  });

  it('lets an assignment replace a queued decision', () => {
    const result = view({
      escalations: [escalation('esc-1', at(2))],
      decisions: [assigned('d-assigned', at(4)), queued('d-queued', at(3))],
    });

    assert.equal(result.status, 'assigned');
    assert.deepEqual(result.assignment, {
      decisionId: 'd-assigned',
      outcome: 'assigned',
      agentId: 'agent-ana',
      agentDisplayName: 'Ana',
      decidedAt: at(4),
    });
  });

  it('is not undone by a queued decision that arrives after the assignment', () => {
    const result = view({
      escalations: [escalation('esc-1', at(2))],
      decisions: [assigned('d-assigned', at(3)), queued('d-late-queue', at(4))],
    });

    assert.equal(result.status, 'assigned');
    assert.equal(result.assignment?.decisionId, 'd-assigned');
    assert.equal(result.assignment?.agentId, 'agent-ana');
    assert.equal('queueReason' in result.assignment!, false);
  });

  it('stays assigned when a later escalation arrives, still explained by the first', () => {
    const result = view({
      escalations: [escalation('esc-2', at(6)), escalation('esc-1', at(2))],
      decisions: [assigned('d-assigned', at(3))],
    });

    assert.equal(result.status, 'assigned');
    assert.equal(result.escalation?.escalationId, 'esc-1');
  });

  it('shows the latest of several assignments', () => {
    const result = view({
      decisions: [assigned('d-bo', at(5), 'bo'), assigned('d-ana', at(3))],
    });

    assert.equal(result.assignment?.decisionId, 'd-bo');
    assert.equal(result.assignment?.agentId, 'agent-bo');
  });

  it('orders the transcript by arrival on the partition, not by when the records were read', () => {
    const result = view({
      messages: [
        message('m3', 30, { sentAt: at(1) }),
        message('m1', 10, { sentAt: at(3) }),
        message('m2', 20, { sender: 'bot', bot: { intent: 'greeting', confidence: 0.8 } }),
      ],
    });

    assert.deepEqual(
      result.transcript.map(({ messageId }) => messageId),
      ['m1', 'm2', 'm3'],
    );
    assert.deepEqual(result.transcript[0], {
      messageId: 'm1',
      sender: 'customer',
      text: 'text of m1',
      sentAt: at(3),
    });
    assert.deepEqual(result.transcript[1]!.bot, { intent: 'greeting', confidence: 0.8 });
    assert.equal('bot' in result.transcript[0]!, false);
  });

  it('folds variables in arrival order, a later value of a name replacing an earlier one', () => {
    const result = view({
      variables: [
        variable('topic', 'billing', 40),
        variable('order_number', 48213, 20),
        variable('topic', 'shipping', 10),
        variable('is_repeat', true, 30),
        variable('vip', false, 50),
      ],
    });

    assert.deepEqual(result.variables, {
      topic: 'billing',
      order_number: 48213,
      is_repeat: true,
      vip: false,
    });
  });

  it('does not change the records it is given', () => {
    const messages = [message('m2', 2), message('m1', 1)];
    const decisions = [assigned('d2', at(4)), queued('d1', at(3))];

    view({ messages, decisions });

    assert.deepEqual(
      messages.map(({ messageId }) => messageId),
      ['m2', 'm1'],
    );
    assert.deepEqual(
      decisions.map(({ _id }) => _id),
      ['d2', 'd1'],
    );
  });
});

describe('conversationView with outcomes it does not know', () => {
  it('ignores a decision whose outcome this version does not know', () => {
    const unknown: DecisionRecord = {
      ...queued('d-unknown', at(4)),
      outcome: 'escalated_to_mars',
    };
    delete unknown.queueReason;

    const result = view({ escalations: [escalation('esc-1', at(2))], decisions: [unknown] });

    assert.equal(result.status, 'awaiting_agent');
    assert.equal(result.assignment, undefined);
  });
});

describe('transcriptOrder', () => {
  const record = (messageId: string, sender: string, seq: number, second: number) =>
    ({
      _id: messageId,
      conversationId: 'c1',
      tenantId: 'acme',
      messageId,
      sender,
      text: messageId,
      sentAt: new Date(Date.UTC(2026, 10, 25, 10, 0, second)),
      seq,
    }) as MessageRecord;

  it("places agents' messages among the bot platform's by time, keeping the platform's arrival order", () => {
    const ordered = transcriptOrder([
      record('agent-2', 'agent', -1, 40),
      record('customer-3', 'customer', 12, 50),
      record('customer-1', 'customer', 10, 10),
      record('agent-1', 'agent', -1, 20),
      // Arrived after customer-1 though its clock says earlier: arrival order wins among them.
      record('bot-2', 'bot', 11, 5),
      record('agent-3', 'agent', -1, 59),
    ]);

    assert.deepEqual(
      ordered.map(({ messageId }) => messageId),
      ['customer-1', 'bot-2', 'agent-1', 'agent-2', 'customer-3', 'agent-3'],
    );
  });
});
