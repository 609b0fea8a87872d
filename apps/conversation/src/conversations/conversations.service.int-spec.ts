import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import type { EscalationRequested, MessagePosted, RoutingDecided } from '@handoff/contracts';
import { HealthModule, MongoModule } from '@handoff/service-kit';
import { integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import type { Connection } from 'mongoose';
import { Conversation, ConversationSchema } from './conversation.schema.js';
import { ConversationsService, UnknownConversationError } from './conversations.service.js';

const dbName = uniqueName('int_conversation');
const tenantId = `tenant_${dbName}`;
const intruder = `intruder_${dbName}`;
let app: INestApplication;
let conversations: ConversationsService;

async function startedConversation(): Promise<string> {
  const conversationId = uniqueName('conv');
  await conversations.start({
    conversationId,
    tenantId,
    channel: 'whatsapp',
    language: 'es',
    customer: { customerId: `cust_${conversationId}`, displayName: 'Carla', tier: 'gold' },
    startedAt: '2026-11-25T10:00:00.000Z',
  });
  return conversationId;
}

function message(conversationId: string, messageId: string, text = 'Quiero hablar con una persona'): MessagePosted {
  return { conversationId, tenantId, messageId, sender: 'customer', text, sentAt: '2026-11-25T10:01:00.000Z' };
}

function decision(conversationId: string, outcome: 'assigned' | 'queued', decisionId = uniqueName('decision')): RoutingDecided {
  return {
    decisionId,
    escalationId: `esc_${conversationId}`,
    conversationId,
    tenantId,
    outcome,
    requirements: { language: 'es', skills: [] },
    ...(outcome === 'assigned' ? { agent: { agentId: 'agent-ana', displayName: 'Ana' } } : { queue: { reason: 'all_agents_busy' as const } }),
    decidedAt: '2026-11-25T10:02:00.000Z',
  };
}

function escalation(conversationId: string): EscalationRequested {
  return {
    escalationId: `esc_${conversationId}`,
    conversationId,
    tenantId,
    language: 'es',
    trigger: { kind: 'explicit_request', explanation: 'asked for a human', matchedText: 'una persona', messageId: 'm1' },
    sentiment: { score: -0.4, label: 'negative' },
    variables: {},
    requestedAt: '2026-11-25T10:01:30.000Z',
  };
}

async function stored(conversationId: string): Promise<Conversation> {
  const conversation = await conversations.find(conversationId, tenantId);
  assert.ok(conversation, `conversation ${conversationId} is stored`);
  return conversation;
}

describe('ConversationsService against a real MongoDB-compatible store', () => {
  before(async () => {
    const infra = integrationInfra();
    const moduleRef = await Test.createTestingModule({
      imports: [
        HealthModule,
        MongoModule.forRoot({ url: infra.mongoUrl, dbName }),
        MongooseModule.forFeature([{ name: Conversation.name, schema: ConversationSchema }]),
      ],
      providers: [ConversationsService],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
    await app.init();
    conversations = app.get(ConversationsService);
  });

  after(async () => {
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
  });

  it('starts a conversation once, however often the start is delivered', async () => {
    const conversationId = await startedConversation();
    await conversations.start({
      conversationId,
      tenantId,
      channel: 'web',
      language: 'en',
      customer: { customerId: 'someone-else' },
      startedAt: '2026-11-25T11:00:00.000Z',
    });

    const conversation = await stored(conversationId);
    assert.equal(conversation.status, 'bot');
    assert.equal(conversation.channel, 'whatsapp', 'the redelivered start changed nothing');
    assert.deepEqual(conversation.variables, {});
    assert.deepEqual(conversation.transcript, []);
  });

  it('stores a redelivered message once, including deliveries that arrive at the same time', async () => {
    const conversationId = await startedConversation();
    await conversations.recordMessage(message(conversationId, 'm1', 'Hola'));
    await conversations.recordMessage(message(conversationId, 'm1', 'Hola'));
    await Promise.all(Array.from({ length: 5 }, () => conversations.recordMessage(message(conversationId, 'm2', 'Necesito ayuda'))));
    const latest = await conversations.recordMessage(message(conversationId, 'm3', 'Gracias'));

    assert.deepEqual(
      latest.transcript.map((entry) => [entry.messageId, entry.text]),
      [
        ['m1', 'Hola'],
        ['m2', 'Necesito ayuda'],
        ['m3', 'Gracias'],
      ],
    );
    assert.ok(latest.transcript[0]!.sentAt instanceof Date);
  });

  it('collects variables of every type, a later value replacing an earlier one', async () => {
    const conversationId = await startedConversation();
    await conversations.collectVariable({ conversationId, tenantId, name: 'topic', value: 'shipping', collectedAt: '2026-11-25T10:00:10.000Z' });
    await conversations.collectVariable({ conversationId, tenantId, name: 'order_number', value: 48213, collectedAt: '2026-11-25T10:00:20.000Z' });
    await conversations.collectVariable({ conversationId, tenantId, name: 'is_repeat', value: true, collectedAt: '2026-11-25T10:00:30.000Z' });
    await conversations.collectVariable({ conversationId, tenantId, name: 'topic', value: 'billing', collectedAt: '2026-11-25T10:00:40.000Z' });

    assert.deepEqual((await stored(conversationId)).variables, { topic: 'billing', order_number: 48213, is_repeat: true });
  });

  it('refuses variables for a conversation that never started', async () => {
    await assert.rejects(
      conversations.collectVariable({ conversationId: uniqueName('conv'), tenantId, name: 'topic', value: 'x', collectedAt: '2026-11-25T10:00:00.000Z' }),
      UnknownConversationError,
    );
  });

  it('keeps each tenant to its own conversations: another tenant can neither read nor write them', async () => {
    const conversationId = await startedConversation();
    await conversations.recordMessage(message(conversationId, 'm1'));
    await conversations.collectVariable({ conversationId, tenantId, name: 'topic', value: 'billing', collectedAt: '2026-11-25T10:00:10.000Z' });

    assert.equal(await conversations.find(conversationId, intruder), null);
    await assert.rejects(
      conversations.start({ conversationId, tenantId: intruder, channel: 'web', language: 'en', customer: { customerId: 'x' }, startedAt: '2026-11-25T10:00:00.000Z' }),
      /another tenant/,
    );
    await assert.rejects(conversations.recordMessage({ ...message(conversationId, 'm2', 'injected'), tenantId: intruder }), UnknownConversationError);
    await assert.rejects(
      conversations.collectVariable({ conversationId, tenantId: intruder, name: 'topic', value: 'hijacked', collectedAt: '2026-11-25T10:00:20.000Z' }),
      UnknownConversationError,
    );
    await assert.rejects(conversations.recordEscalation({ ...escalation(conversationId), tenantId: intruder }), UnknownConversationError);
    await assert.rejects(conversations.applyDecision({ ...decision(conversationId, 'assigned'), tenantId: intruder }), UnknownConversationError);

    const untouched = await stored(conversationId);
    assert.equal(untouched.tenantId, tenantId);
    assert.equal(untouched.status, 'bot');
    assert.deepEqual(untouched.transcript.map((entry) => entry.messageId), ['m1']);
    assert.deepEqual(untouched.variables, { topic: 'billing' });
    assert.equal(untouched.escalation, undefined);
    assert.equal(untouched.assignment, undefined);
  });

  it('moves through escalation to assignment, and a late "queued" decision does not undo the assignment', async () => {
    const conversationId = await startedConversation();
    await conversations.recordEscalation(escalation(conversationId));
    assert.equal((await stored(conversationId)).status, 'awaiting_agent');

    const assigned = await conversations.applyDecision(decision(conversationId, 'assigned', 'decision-assigned'));
    assert.equal(assigned.status, 'assigned');

    const afterLateQueue = await conversations.applyDecision(decision(conversationId, 'queued', 'decision-late-queue'));
    assert.equal(afterLateQueue.status, 'assigned');
    assert.equal(afterLateQueue.assignment?.decisionId, 'decision-assigned');
    assert.equal(afterLateQueue.assignment?.agentId, 'agent-ana');

    await conversations.recordEscalation({ ...escalation(conversationId), escalationId: `esc2_${conversationId}` });
    const afterLateEscalation = await stored(conversationId);
    assert.equal(afterLateEscalation.status, 'assigned', 'a new escalation does not pull an assigned conversation back');
    assert.equal(afterLateEscalation.escalation?.escalationId, `esc_${conversationId}`);
  });

  it('lets an assignment replace a queued decision', async () => {
    const conversationId = await startedConversation();
    await conversations.recordEscalation(escalation(conversationId));
    const queued = await conversations.applyDecision(decision(conversationId, 'queued'));
    assert.equal(queued.status, 'queued');
    assert.equal(queued.assignment?.queueReason, 'all_agents_busy');

    const assigned = await conversations.applyDecision(decision(conversationId, 'assigned'));
    assert.equal(assigned.status, 'assigned');
    assert.equal(assigned.assignment?.agentDisplayName, 'Ana');
  });
});
