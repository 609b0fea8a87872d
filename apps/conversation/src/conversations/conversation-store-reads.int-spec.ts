import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  conversationStartedType,
  createEvent,
  messagePostedType,
  variableCollectedType,
} from '@handoff/contracts';
import { uniqueName } from '@handoff/service-kit/testing';
import type { ConversationRecord } from './conversation.records.js';
import { ConversationStates } from './conversation-states.js';
import type { ConversationStore } from './conversation-store.js';
import {
  StoreUnderTest,
  at,
  decision,
  escalation,
  intruder,
  message,
  tenantId,
  variable,
} from './conversation-store.fixtures.js';
import { ingest, type ConversationEvent } from './ingest.js';

describe('ConversationStore reads, against a real MongoDB-compatible store', () => {
  const storeUnderTest = new StoreUnderTest();
  let store: ConversationStore;
  const startedConversation = (changes?: Partial<ConversationRecord>) =>
    storeUnderTest.startedConversation(changes);
  const viewOf = (conversationId: string) => storeUnderTest.viewOf(conversationId);

  before(async () => {
    await storeUnderTest.start();
    ({ store } = storeUnderTest);
  });

  after(() => storeUnderTest.stop());

  describe('loadStates', () => {
    it('rebuilds language, channel and variables in arrival order, whatever order they were stored in', async () => {
      const conversationId = await startedConversation({ language: 'pt-BR', channel: 'sms' });
      await store.appendVariables([
        variable(conversationId, 'topic', 'billing', 13),
        variable(conversationId, 'is_repeat', true, 12),
      ]);
      await store.appendVariables([
        variable(conversationId, 'order_number', 48213, 11),
        variable(conversationId, 'topic', 'shipping', 10),
      ]);
      await store.appendVariables([
        variable(conversationId, 'vip', false, 14),
        variable(conversationId, 'refund', 0, 15),
      ]);

      const states = await store.loadStates([conversationId]);

      assert.deepEqual(states.get(conversationId), {
        tenantId,
        language: 'pt-BR',
        channel: 'sms',
        variables: {
          topic: 'billing',
          order_number: 48213,
          is_repeat: true,
          vip: false,
          refund: 0,
        },
        customerTier: 'gold',
        fallbacks: 0,
      });
    });

    it('loads several conversations at once and ignores ids nobody started', async () => {
      const first = await startedConversation();
      const second = await startedConversation({
        tenantId: intruder,
        language: 'en',
        channel: 'web',
      });
      await store.appendVariables([
        variable(first, 'topic', 'a', 1),
        variable(second, 'topic', 'b', 2, intruder),
      ]);

      const states = await store.loadStates([first, 'never-started', second]);

      assert.deepEqual([...states.keys()].sort(), [first, second].sort());
      assert.deepEqual(states.get(first)?.variables, { topic: 'a' });
      assert.deepEqual(states.get(second), {
        tenantId: intruder,
        language: 'en',
        channel: 'web',
        variables: { topic: 'b' },
        customerTier: 'gold',
        fallbacks: 0,
      });
      assert.equal((await store.loadStates([])).size, 0);
      assert.equal((await store.loadStates(['never-started'])).size, 0);
    });

    it('rebuilds what ingest stored, so a message after a restart carries the earlier variables', async () => {
      const conversationId = uniqueName('conv');
      const events: ConversationEvent[] = [
        createEvent(
          conversationStartedType,
          {
            conversationId,
            tenantId,
            channel: 'web',
            language: 'fr',
            customer: { customerId: 'c' },
            startedAt: at(0).toISOString(),
          },
          { source: '/tests' },
        ),
        createEvent(
          variableCollectedType,
          {
            conversationId,
            tenantId,
            name: 'topic',
            value: 'shipping',
            collectedAt: at(0, 5).toISOString(),
          },
          { source: '/tests' },
        ),
        createEvent(
          variableCollectedType,
          {
            conversationId,
            tenantId,
            name: 'topic',
            value: 'billing',
            collectedAt: at(0, 6).toISOString(),
          },
          { source: '/tests' },
        ),
        createEvent(
          variableCollectedType,
          {
            conversationId,
            tenantId,
            name: 'order_number',
            value: 7,
            collectedAt: at(0, 7).toISOString(),
          },
          { source: '/tests' },
        ),
      ];
      const ingested = ingest(
        events,
        ['8', '9', '10', '11'],
        0,
        new ConversationStates(10),
        new Map(),
        new Set(),
      );
      await store.appendConversations(ingested.conversations, 0);
      await store.appendVariables(ingested.variables);

      const restarted = new ConversationStates(10);
      for (const [id, state] of await store.loadStates([conversationId]))
        restarted.set(id, 0, state);
      const afterRestart = ingest(
        [
          createEvent(
            messagePostedType,
            {
              conversationId,
              tenantId,
              messageId: 'm1',
              sender: 'customer',
              text: 'Bonjour',
              sentAt: at(1).toISOString(),
            },
            { source: '/tests' },
          ),
        ],
        ['12'],
        0,
        restarted,
        new Map(),
        new Set(),
      );

      assert.deepEqual(afterRestart.recorded[0]!.data.variables, {
        topic: 'billing',
        order_number: 7,
      });
      assert.equal(afterRestart.recorded[0]!.data.language, 'fr');
    });
  });

  describe('view', () => {
    it('assembles the conversation from its records', async () => {
      const conversationId = await startedConversation();
      await store.appendMessages([
        message(conversationId, 'm3', 30, 'Gracias'),
        {
          ...message(conversationId, 'm2', 20, '¿En qué puedo ayudarte?'),
          sender: 'bot',
          bot: { intent: 'greeting', confidence: 0.9 },
        },
      ]);
      await store.appendMessages([message(conversationId, 'm1', 10, 'Hola')]);
      await store.appendVariables([
        variable(conversationId, 'topic', 'billing', 25),
        variable(conversationId, 'topic', 'shipping', 15),
      ]);
      await store.appendVariables([
        variable(conversationId, 'order_number', 48213, 16),
        variable(conversationId, 'is_repeat', true, 17),
      ]);
      await store.appendEscalations([escalation(conversationId, `esc_${conversationId}`)]);
      await store.appendDecisions([decision(conversationId, 'assigned', `d_${conversationId}`)]);

      const view = await viewOf(conversationId);

      assert.deepEqual(view, {
        conversationId,
        tenantId,
        channel: 'whatsapp',
        language: 'es',
        customer: { customerId: `cust_${conversationId}`, displayName: 'Carla', tier: 'gold' },
        startedAt: at(0),
        status: 'assigned',
        variables: { topic: 'billing', order_number: 48213, is_repeat: true },
        transcript: [
          { messageId: 'm1', sender: 'customer', text: 'Hola', sentAt: at(1) },
          {
            messageId: 'm2',
            sender: 'bot',
            text: '¿En qué puedo ayudarte?',
            sentAt: at(1),
            bot: { intent: 'greeting', confidence: 0.9 },
          },
          { messageId: 'm3', sender: 'customer', text: 'Gracias', sentAt: at(1) },
        ],
        escalation: {
          escalationId: `esc_${conversationId}`,
          trigger: 'explicit_request',
          explanation: 'asked for a human',
          matchedText: 'una persona',
          messageId: 'm1',
          sentiment: { score: -0.4, label: 'negative' },
          requestedAt: at(2),
        },
        assignment: {
          decisionId: `d_${conversationId}`,
          outcome: 'assigned',
          agentId: 'agent-ana',
          agentDisplayName: 'Ana',
          decidedAt: at(3),
        },
      });
      assert.ok(view.transcript[0]!.sentAt instanceof Date);
    });

    it('returns null for another tenant and for an unknown conversation', async () => {
      const conversationId = await startedConversation();

      assert.equal(await store.view(conversationId, intruder), null);
      assert.equal(await store.view(uniqueName('conv'), tenantId), null);
    });

    it('moves through escalation to assignment, and a late "queued" decision does not undo the assignment', async () => {
      const conversationId = await startedConversation();
      await store.appendEscalations([escalation(conversationId, `esc_${conversationId}`)]);
      assert.equal((await viewOf(conversationId)).status, 'awaiting_agent');

      await store.appendDecisions([
        decision(conversationId, 'assigned', `assigned_${conversationId}`, at(3)),
      ]);
      assert.equal((await viewOf(conversationId)).status, 'assigned');

      await store.appendDecisions([
        decision(conversationId, 'queued', `late_queue_${conversationId}`, at(4)),
      ]);
      const afterLateQueue = await viewOf(conversationId);
      assert.equal(afterLateQueue.status, 'assigned');
      assert.equal(afterLateQueue.assignment?.decisionId, `assigned_${conversationId}`);
      assert.equal(afterLateQueue.assignment?.agentId, 'agent-ana');

      await store.appendEscalations([escalation(conversationId, `esc2_${conversationId}`, at(5))]);
      const afterLateEscalation = await viewOf(conversationId);
      assert.equal(
        afterLateEscalation.status,
        'assigned',
        'a new escalation does not pull an assigned conversation back',
      );
      assert.equal(afterLateEscalation.escalation?.escalationId, `esc_${conversationId}`);
    });

    it('lets an assignment replace a queued decision', async () => {
      const conversationId = await startedConversation();
      await store.appendEscalations([escalation(conversationId, `esc_${conversationId}`)]);
      await store.appendDecisions([decision(conversationId, 'queued', undefined, at(3))]);
      const queued = await viewOf(conversationId);
      assert.equal(queued.status, 'queued');
      assert.equal(queued.assignment?.queueReason, 'all_agents_busy');

      await store.appendDecisions([decision(conversationId, 'assigned', undefined, at(4))]);
      const assigned = await viewOf(conversationId);
      assert.equal(assigned.status, 'assigned');
      assert.equal(assigned.assignment?.agentDisplayName, 'Ana');
    });
  });

  it('tells the channel of each conversation it knows', async () => {
    const onWhatsapp = await startedConversation();
    const onSms = await startedConversation({ channel: 'sms' });

    const channels = await store.channelsOf([onWhatsapp, onSms, uniqueName('conv')]);

    assert.deepEqual(Object.fromEntries(channels), { [onWhatsapp]: 'whatsapp', [onSms]: 'sms' });
    assert.equal((await store.channelsOf([])).size, 0);
  });
});
