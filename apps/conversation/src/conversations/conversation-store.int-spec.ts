import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import {
  conversationStartedType,
  createEvent,
  messagePostedType,
  variableCollectedType,
  type RoutingDecided,
} from '@handoff/contracts';
import { RejectedEventError } from '@handoff/messaging';
import { HealthModule, MongoModule } from '@handoff/service-kit';
import { integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import type { Connection, Model } from 'mongoose';
import { HandoffService } from '../handoff/handoff.service.js';
import {
  ConversationRecord,
  DecisionRecord,
  EscalationRecord,
  MessageRecord,
  VariableRecord,
} from './conversation.records.js';
import { ConversationStates } from './conversation-states.js';
import { ConversationStore } from './conversation-store.js';
import { ConversationStoreModule } from './conversation-store.module.js';
import { ingest, type ConversationEvent } from './ingest.js';

const dbName = uniqueName('int_conversation_store');
const tenantId = `tenant_${dbName}`;
const intruder = `intruder_${dbName}`;
let app: INestApplication;
let store: ConversationStore;
let messageModel: Model<MessageRecord>;
let conversationModel: Model<ConversationRecord>;
let decisionModel: Model<DecisionRecord>;

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 25, 10, minute, second));

function conversation(
  conversationId: string,
  changes: Partial<ConversationRecord> = {},
): ConversationRecord {
  return {
    _id: conversationId,
    tenantId,
    channel: 'whatsapp',
    language: 'es',
    customer: { customerId: `cust_${conversationId}`, displayName: 'Carla', tier: 'gold' },
    startedAt: at(0),
    ...changes,
  };
}

async function startedConversation(changes: Partial<ConversationRecord> = {}): Promise<string> {
  const conversationId = uniqueName('conv');
  await store.appendConversations([conversation(conversationId, changes)]);
  return conversationId;
}

function message(
  conversationId: string,
  messageId: string,
  seq: number,
  text = `text of ${messageId}`,
): MessageRecord {
  return {
    _id: `msg:${conversationId}:${messageId}`,
    conversationId,
    tenantId,
    messageId,
    sender: 'customer',
    text,
    sentAt: at(1),
    seq,
  };
}

function variable(
  conversationId: string,
  name: string,
  value: VariableRecord['value'],
  seq: number,
  owner = tenantId,
): VariableRecord {
  return {
    _id: `var:${conversationId}:${uniqueName('evt')}`,
    conversationId,
    tenantId: owner,
    name,
    value,
    collectedAt: at(0, seq % 60),
    seq,
  };
}

function escalation(
  conversationId: string,
  escalationId: string,
  requestedAt = at(2),
  owner = tenantId,
): EscalationRecord {
  return {
    _id: escalationId,
    conversationId,
    tenantId: owner,
    trigger: 'explicit_request',
    explanation: 'asked for a human',
    matchedText: 'una persona',
    messageId: 'm1',
    sentiment: { score: -0.4, label: 'negative' },
    requestedAt,
  };
}

/** A decision as the handoff consumer records it. */
function decision(
  conversationId: string,
  outcome: 'assigned' | 'queued',
  decisionId = uniqueName('decision'),
  decidedAt = at(3),
  owner = tenantId,
): DecisionRecord {
  const routed: RoutingDecided = {
    decisionId,
    escalationId: `esc_${conversationId}`,
    conversationId,
    tenantId: owner,
    outcome,
    requirements: { language: 'es', skills: [] },
    ...(outcome === 'assigned'
      ? { agent: { agentId: 'agent-ana', displayName: 'Ana' } }
      : { queue: { reason: 'all_agents_busy' as const } }),
    decidedAt: decidedAt.toISOString(),
  };
  return new HandoffService().applyDecision(routed, 'whatsapp', { emit: () => undefined });
}

async function viewOf(conversationId: string) {
  const view = await store.view(conversationId, tenantId);
  assert.ok(view, `conversation ${conversationId} is stored`);
  return view;
}

describe('ConversationStore against a real MongoDB-compatible store', () => {
  before(async () => {
    const infra = integrationInfra();
    const moduleRef = await Test.createTestingModule({
      imports: [
        HealthModule,
        MongoModule.forRoot({ url: infra.mongoUrl, dbName }),
        ConversationStoreModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
    await app.init();
    store = app.get(ConversationStore);
    messageModel = app.get(getModelToken(MessageRecord.name));
    conversationModel = app.get(getModelToken(ConversationRecord.name));
    decisionModel = app.get(getModelToken(DecisionRecord.name));
  });

  after(async () => {
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
  });

  describe('appending once', () => {
    it('stores the new records of a batch whose other records are there already, leaving those as they were', async () => {
      const conversationId = await startedConversation();
      await store.appendMessages([
        message(conversationId, 'm1', 1, 'Hola'),
        message(conversationId, 'm2', 2, 'Necesito ayuda'),
      ]);

      await store.appendMessages([
        message(conversationId, 'm1', 101, 'changed'),
        message(conversationId, 'm3', 3, 'Gracias'),
        message(conversationId, 'm2', 102, 'changed too'),
      ]);

      const stored = await messageModel.find({ conversationId }).sort({ seq: 1 }).lean();
      assert.deepEqual(
        stored.map(({ messageId, text, seq }) => [messageId, text, seq]),
        [
          ['m1', 'Hola', 1],
          ['m2', 'Necesito ayuda', 2],
          ['m3', 'Gracias', 3],
        ],
      );
    });

    it('accepts a batch that is entirely there already, and an empty one', async () => {
      const conversationId = await startedConversation();
      const batch = [message(conversationId, 'm1', 1), message(conversationId, 'm2', 2)];
      await store.appendMessages(batch);

      await store.appendMessages(batch);
      await store.appendMessages([batch[0]!]);
      await store.appendMessages([]);

      assert.equal(await messageModel.countDocuments({ conversationId }), 2);
    });

    it('stores a message delivered several times at the same moment once', async () => {
      const conversationId = await startedConversation();

      await Promise.all(
        Array.from({ length: 5 }, () =>
          store.appendMessages([message(conversationId, 'm2', 2, 'Necesito ayuda')]),
        ),
      );

      assert.equal(await messageModel.countDocuments({ conversationId }), 1);
    });

    it('appends escalations and decisions once too', async () => {
      const conversationId = await startedConversation();
      const assigned = decision(conversationId, 'assigned', `d_${conversationId}`);
      await store.appendEscalations([escalation(conversationId, `esc_${conversationId}`)]);
      await store.appendDecisions([assigned]);

      await store.appendEscalations([escalation(conversationId, `esc_${conversationId}`, at(9))]);
      await store.appendDecisions([{ ...assigned, agentId: 'agent-other' }]);

      const view = await viewOf(conversationId);
      assert.deepEqual(view.escalation?.requestedAt, at(2));
      assert.equal(view.assignment?.agentId, 'agent-ana');
      assert.equal(await decisionModel.countDocuments({ conversationId }), 1);
    });
  });

  describe('conversations and tenants', () => {
    it('accepts the same tenant starting a conversation again, changing nothing', async () => {
      const conversationId = await startedConversation();

      await store.appendConversations([
        conversation(conversationId, {
          channel: 'web',
          language: 'en',
          customer: { customerId: 'someone-else' },
        }),
      ]);

      const view = await viewOf(conversationId);
      assert.equal(view.channel, 'whatsapp', 'the redelivered start changed nothing');
      assert.equal(view.language, 'es');
      assert.equal(view.customer.customerId, `cust_${conversationId}`);
      assert.equal(view.status, 'bot');
      assert.deepEqual(view.variables, {});
      assert.deepEqual(view.transcript, []);
    });

    it('refuses an id another tenant holds as a rejected event, and leaves the owner its conversation', async () => {
      const conversationId = await startedConversation();
      const fresh = uniqueName('conv');

      await assert.rejects(
        store.appendConversations([
          conversation(fresh),
          conversation(conversationId, { tenantId: intruder, channel: 'web' }),
        ]),
        (error: unknown) => {
          assert.ok(error instanceof RejectedEventError);
          assert.match(error.message, /already exists for another tenant/);
          return true;
        },
      );

      const owner = await conversationModel.findById(conversationId).lean();
      assert.equal(owner?.tenantId, tenantId);
      assert.equal(owner?.channel, 'whatsapp');
      assert.equal(await store.view(conversationId, intruder), null);
      assert.ok(await store.view(fresh, tenantId), 'the rest of the batch was stored');
    });

    it('keeps each tenant to its own conversations: another tenant can neither read nor change what the owner sees', async () => {
      const conversationId = await startedConversation();
      await store.appendMessages([message(conversationId, 'm1', 1)]);
      await store.appendVariables([variable(conversationId, 'topic', 'billing', 2)]);

      assert.equal(await store.view(conversationId, intruder), null);
      await store.appendMessages([
        { ...message(conversationId, 'm2', 3, 'injected'), tenantId: intruder },
      ]);
      await store.appendVariables([variable(conversationId, 'topic', 'hijacked', 4, intruder)]);
      await store.appendEscalations([
        escalation(conversationId, `esc_intruder_${conversationId}`, at(2), intruder),
      ]);
      await store.appendDecisions([
        decision(conversationId, 'assigned', undefined, at(3), intruder),
      ]);

      const untouched = await viewOf(conversationId);
      assert.equal(untouched.tenantId, tenantId);
      assert.equal(untouched.status, 'bot');
      assert.deepEqual(
        untouched.transcript.map((entry) => entry.messageId),
        ['m1'],
      );
      assert.deepEqual(untouched.variables, { topic: 'billing' });
      assert.equal(untouched.escalation, undefined);
      assert.equal(untouched.assignment, undefined);
      const [state] = (await store.loadStates([conversationId])).values();
      assert.deepEqual(
        state?.variables,
        { topic: 'billing' },
        "memory is not refilled with the intruder's values",
      );
    });
  });

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
      await store.appendConversations(ingested.conversations);
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
