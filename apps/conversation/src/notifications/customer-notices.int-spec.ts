import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import {
  DeadLetterHeaders,
  Topics,
  cloudEventContentType,
  createEvent,
  escalationRequestedType,
  routingDecidedType,
  templatesPublishedType,
  type CustomerNotificationRequested,
  type EventTopic,
  type RoutingDecided,
  type TemplatesPublished,
} from '@handoff/contracts';
import type { MessagingOptions } from '@handoff/messaging';
import { TopicRecorder, testMessagingOptions } from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { ConversationStore } from '../conversations/conversation-store.js';
import { HandoffModule } from '../handoff/handoff.module.js';
import { startConversationTestApp } from '../testing/conversation-test-app.js';
import { NotificationsModule } from './notifications.module.js';
import { TenantTemplates } from './tenant-templates/tenant-templates.js';
import { TenantTemplatesStore } from './tenant-templates/tenant-templates.store.js';

const runName = uniqueName('int_customer_notices');
const tenantId = `tenant_${runName}`;
const consumed: EventTopic[] = [Topics.Escalations, Topics.RoutingDecisions, Topics.TenantConfig];
let options: MessagingOptions;
let app: INestApplication;
let producer: Producer;
let notices: TopicRecorder;
let deadLetters: TopicRecorder;

/** The conversation service's handoff and notifications wired as app.module wires them. */
function startApp(mongoUrl: string): Promise<INestApplication> {
  return startConversationTestApp(
    [
      NotificationsModule.forRoot({ templatesRefreshMs: 1000 }),
      HandoffModule.register({ positionUpdateIntervalMs: 0 }),
    ],
    { options, mongo: { url: mongoUrl, dbName: runName }, startAtEnd: consumed },
  );
}

const origin = { source: '/integration-tests/routing' };

async function publish(topic: string, event: { partitionkey: string }): Promise<void> {
  await producer.send({
    topic,
    acks: -1,
    messages: [
      {
        key: event.partitionkey,
        value: JSON.stringify(event),
        headers: { 'content-type': cloudEventContentType },
      },
    ],
  });
}

function publishSet(version: number, templates: TemplatesPublished['templates']) {
  const set = { tenantId, version, templates, publishedAt: new Date().toISOString() };
  return publish(Topics.TenantConfig, createEvent(templatesPublishedType, set, origin));
}

function escalate(conversationId: string, language: string) {
  const escalation = {
    escalationId: `${conversationId}_escalation`,
    conversationId,
    tenantId,
    language,
    channel: 'whatsapp',
    trigger: { kind: 'explicit_request', explanation: 'asked for a person', messageId: 'm1' },
    sentiment: { score: -0.1, label: 'neutral' },
    variables: {},
    requestedAt: new Date().toISOString(),
  } as const;
  return publish(Topics.Escalations, createEvent(escalationRequestedType, escalation, origin));
}

let decisions = 0;
function decide(conversationId: string, language: string, outcome: Partial<RoutingDecided>) {
  const decision = {
    decisionId: `${conversationId}_decision_${++decisions}`,
    escalationId: `${conversationId}_escalation`,
    conversationId,
    tenantId,
    channel: 'whatsapp',
    requirements: { language, skills: [] },
    decidedAt: new Date().toISOString(),
    ...outcome,
  } as RoutingDecided;
  return publish(Topics.RoutingDecisions, createEvent(routingDecidedType, decision, origin));
}

function textsOf(conversationId: string): [string, string, string][] {
  return notices.messages
    .map((message) => JSON.parse(String(message.value)).data as CustomerNotificationRequested)
    .filter((notice) => notice.conversationId === conversationId)
    .map(({ template, language, text }) => [template, language, text]);
}

function noticesOf(conversationId: string, count: number) {
  return eventually(`${count} notices of ${conversationId}`, () => {
    const texts = textsOf(conversationId);
    return texts.length >= count ? texts : undefined;
  });
}

const agentJoined = {
  es: '¡Hola! Soy {agentName}, de Acme, y ya estoy contigo.',
  en: "Hi! {agentName} from Acme here, and I've got you.",
};

describe('customer notices in the tenant wording, over the real broker and store', () => {
  before(async () => {
    const infra = integrationInfra();
    options = {
      ...testMessagingOptions(infra.brokers, runName),
      topics: [
        ...consumed,
        Topics.CustomerNotifications,
        Topics.ConversationControl,
        Topics.DeadLetter,
      ],
    };
    const kafka = new Kafka({
      clientId: `${runName}_producer`,
      brokers: infra.brokers,
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    app = await startApp(infra.mongoUrl);
    notices = new TopicRecorder(infra.brokers, `${runName}_notices`);
    deadLetters = new TopicRecorder(infra.brokers, `${runName}_dead_letters`);
    await Promise.all([
      notices.start([Topics.CustomerNotifications]),
      deadLetters.start([Topics.DeadLetter]),
    ]);
  });

  after(async () => {
    await Promise.allSettled([notices?.stop(), deadLetters?.stop(), producer?.disconnect()]);
    await app?.close();
  });

  it('tells each customer, in their language, what happens to their handoff, with the brand voice where the tenant wrote one', async () => {
    await publishSet(1, { 'handoff.agent_joined': agentJoined });
    await eventually('the set in use', () => app.get(TenantTemplates).of(tenantId));

    const spanish = uniqueName('conv_es');
    const english = uniqueName('conv_en');
    await escalate(spanish, 'es-MX');
    // Escalations and decisions travel on different topics: the decisions follow once it was read.
    await noticesOf(spanish, 1);
    for (const [conversationId, language] of [
      [spanish, 'es-MX'],
      [english, 'en'],
    ] as const) {
      await decide(conversationId, language, {
        outcome: 'queued',
        queue: { reason: 'all_agents_busy', position: 3, estimatedWaitSeconds: 230 },
      });
      await decide(conversationId, language, {
        outcome: 'queued',
        queue: { reason: 'all_agents_busy', position: 2, estimatedWaitSeconds: 50 },
      });
      await decide(conversationId, language, {
        outcome: 'assigned',
        agent: { agentId: 'agent-ana', displayName: 'Ana' },
      });
      await decide(conversationId, language, {
        outcome: 'transferred',
        transfer: { fromAgentId: 'agent-ana', toQueue: 'Billing' },
      });
      await decide(conversationId, language, {
        outcome: 'deflected',
        unserved: { policy: 'leave_message', reason: 'queue_full' },
      });
    }

    assert.deepEqual(await noticesOf(spanish, 6), [
      [
        'handoff.connecting',
        'es',
        'Te estoy conectando con un agente. Puede ver nuestra conversación, así que no tendrás que repetir nada.',
      ],
      [
        'handoff.queued',
        'es',
        'Todos nuestros agentes están ocupados. Estás en la cola y te conectaremos en cuanto alguien quede libre. Eres el número 3 en la cola. La espera estimada es de unos 4 minutos.',
      ],
      [
        'handoff.position_update',
        'es',
        'Ahora eres el número 2 en la cola. La espera estimada es de un minuto.',
      ],
      ['handoff.agent_joined', 'es', '¡Hola! Soy Ana, de Acme, y ya estoy contigo.'],
      [
        'handoff.transferred',
        'es',
        'Te estoy transfiriendo a Billing. Podrá ver nuestra conversación.',
      ],
      [
        'handoff.leave_message',
        'es',
        'Ningún agente puede atenderte ahora. Déjanos un mensaje aquí y un agente te responderá.',
      ],
    ]);
    // No escalation was published for it: the first decision says "connecting" before its notice.
    assert.deepEqual(await noticesOf(english, 6), [
      [
        'handoff.connecting',
        'en',
        "I'm connecting you with an agent. They can see our conversation so far, so you won't need to repeat yourself.",
      ],
      [
        'handoff.queued',
        'en',
        "All our agents are busy right now. You're in the queue and we'll connect you as soon as someone is free. You're number 3 in the queue. The expected wait is about 4 minutes.",
      ],
      [
        'handoff.position_update',
        'en',
        "You're now number 2 in the queue. The expected wait is about 1 minute.",
      ],
      ['handoff.agent_joined', 'en', "Hi! Ana from Acme here, and I've got you."],
      [
        'handoff.transferred',
        'en',
        "I'm transferring you to Billing. They will see our conversation so far.",
      ],
      [
        'handoff.leave_message',
        'en',
        'No agent can take your conversation right now. Leave us a message here and an agent will answer it.',
      ],
    ]);
  });

  it('says "connecting" first and once when routing\'s decision is read before the escalation', async () => {
    const conversationId = uniqueName('conv_en');
    await decide(conversationId, 'en', {
      outcome: 'queued',
      queue: { reason: 'all_agents_busy', position: 1 },
    });
    await noticesOf(conversationId, 2);
    await escalate(conversationId, 'en');
    await eventually('the escalation read', async () =>
      (await app.get(ConversationStore).firstEscalations([conversationId])).get(conversationId),
    );
    await decide(conversationId, 'en', {
      outcome: 'assigned',
      agent: { agentId: 'agent-ana', displayName: 'Ana' },
    });

    await noticesOf(conversationId, 3);
    assert.deepEqual(
      textsOf(conversationId).map(([template]) => template),
      ['handoff.connecting', 'handoff.queued', 'handoff.agent_joined'],
    );
  });

  it('dead-letters a set with bad syntax or an unknown variable, naming the problem, and keeps the previous set', async () => {
    await publishSet(2, { 'handoff.agent_joined': { es: '¡Hola {agentName!' } });
    await publishSet(3, {
      'handoff.agent_joined': { en: '{agentName} is here for {customerName}' },
    });

    const letters = await eventually('both sets dead-lettered', () => {
      const ours = deadLetters.messages.filter(
        (letter) =>
          letter.headers[DeadLetterHeaders.consumerGroup] === options.groupId &&
          letter.key?.toString() === tenantId,
      );
      return ours.length >= 2 ? ours : undefined;
    });
    const reasons = letters.map((letter) => letter.headers[DeadLetterHeaders.reason]!);
    assert.match(
      reasons[0]!,
      new RegExp(
        `^rejected: template set 2 of tenant ${tenantId} refused: handoff.agent_joined \\[es\\]: syntax error MALFORMED_ARGUMENT at line 1, column 7`,
      ),
    );
    assert.match(
      reasons[1]!,
      /template set 3 .* refused: handoff\.agent_joined \[en\]: variable customerName is not offered \(offered: agentName\)/,
    );
    assert.ok(
      letters.every((letter) => letter.headers[DeadLetterHeaders.topic] === Topics.TenantConfig),
    );

    const later = uniqueName('conv_es');
    await decide(later, 'es', {
      outcome: 'assigned',
      agent: { agentId: 'agent-bo', displayName: 'Bo' },
    });
    assert.deepEqual((await noticesOf(later, 2))[1], [
      'handoff.agent_joined',
      'es',
      '¡Hola! Soy Bo, de Acme, y ya estoy contigo.',
    ]);
  });

  it('ignores an older version published after a newer one', async () => {
    await publishSet(5, { 'handoff.agent_joined': { en: 'v5 {agentName}' } });
    await publishSet(4, { 'handoff.agent_joined': { en: 'v4 {agentName}' } });
    // A refused set after them, on the same partition: once it is dead-lettered, both were taken.
    await publishSet(6, { 'handoff.unknown': { en: 'x' } });
    await eventually('the set after them dead-lettered', () =>
      deadLetters.messages.find((letter) =>
        letter.headers[DeadLetterHeaders.reason]?.includes(`template set 6 of tenant ${tenantId}`),
      ),
    );

    const conversationId = uniqueName('conv_en');
    await decide(conversationId, 'en', {
      outcome: 'assigned',
      agent: { agentId: 'agent-bo', displayName: 'Bo' },
    });
    assert.deepEqual((await noticesOf(conversationId, 2))[1], [
      'handoff.agent_joined',
      'en',
      'v5 Bo',
    ]);
    const [stored] = (await app.get(TenantTemplatesStore).all()).filter(
      (set) => set.tenantId === tenantId,
    );
    assert.equal(stored?.version, 5);
  });
});
