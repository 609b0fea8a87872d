import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEvent, Topics } from '@handoff/contracts';
import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeskClient } from './support/desk-client.js';
import { devToken } from './support/dev-tokens.js';
import { repoRoot, startPlatform, type Platform } from './support/platform.js';
import { testInfra, uniqueRunId } from './support/test-infra.js';
import { spanishCustomerAsksForAgent } from './support/spanish-customer.js';
import { TopicProbe, type ProbedRecord } from './support/topic-probe.js';

const runId = uniqueRunId('edge');
const tenantId = `acme-${runId}`;
const basePort = Number(process.env['E2E_EDGE_BASE_PORT'] ?? 18300);
const at = () => new Date().toISOString();
const webhookSecret = `secret-${runId}`;

/** Writes the gateway's webhook secrets file: this run's tenant signs with its own secret. */
function webhookSecretsFile(): string {
  const dir = join(repoRoot, '.test-results', runId);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'webhook-secrets.json');
  writeFileSync(file, JSON.stringify({ [tenantId]: webhookSecret }));
  return file;
}

/** Posts bot platform events to the gateway's webhook, signed as the tenant's bot platform signs them. */
function postSigned(events: unknown, secret = webhookSecret): Promise<Response> {
  const body = JSON.stringify(events);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return fetch(`${platform.url('gateway')}/v1/webhooks/${tenantId}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-handoff-signature': `t=${t},v1=${v1}` },
    body,
  });
}

let platform: Platform;
let probe: TopicProbe;
let ana: DeskClient;
let bob: DeskClient;

const ofConversation =
  (conversationId: string, topic: string, accept: (data: any) => boolean = () => true) =>
  (record: ProbedRecord) =>
    record.topic === topic && record.key === conversationId && accept(record.json?.['data']);

async function waitData(
  what: string,
  conversationId: string,
  topic: string,
  accept?: (data: any) => boolean,
) {
  return (await probe.waitFor(what, ofConversation(conversationId, topic, accept), 60_000)).json![
    'data'
  ];
}

/** A Spanish-speaking customer who asks the bot for a person; routing offers Ana the conversation. */
async function escalatedConversation(conversationId: string): Promise<any> {
  await spanishCustomerAsksForAgent(probe, {
    conversationId,
    tenantId,
    text: 'Me cobraron dos veces. Esto es inútil, quiero hablar con un agente',
  });
  return waitData(
    'offer to Ana',
    conversationId,
    Topics.RoutingDecisions,
    (d) => d.outcome === 'offered',
  );
}

async function acceptedByAna(conversationId: string): Promise<void> {
  const offered = await escalatedConversation(conversationId);
  const accepted = await ana.accept(offered.offer.offerId, conversationId);
  assert.deepEqual([accepted.status, accepted.body.status], [200, 'done']);
  await waitData(
    'assignment',
    conversationId,
    Topics.RoutingDecisions,
    (d) => d.outcome === 'assigned',
  );
}

describe('the agent edge: a desk works a conversation through the gateway, end to end', () => {
  before(async () => {
    const infra = testInfra();
    probe = new TopicProbe(infra.brokers, `probe-${runId}`);
    await probe.start([
      Topics.RoutingDecisions,
      Topics.CustomerNotifications,
      Topics.ConversationControl,
      Topics.ConversationLifecycle,
      Topics.AgentMessages,
      Topics.Feedback,
    ]);
    platform = await startPlatform({
      runId,
      brokers: infra.brokers,
      mongoUrl: infra.mongoUrl,
      basePort,
      env: {
        ROUTING_OFFER_TIMEOUT_MS: '60000',
        GATEWAY_WEBHOOK_SECRETS_FILE: webhookSecretsFile(),
      },
    });
    ana = new DeskClient(
      platform.url('gateway'),
      await devToken({ tenant: tenantId, role: 'agent', sub: 'agent-ana' }),
    );
    bob = new DeskClient(
      platform.url('gateway'),
      await devToken({ tenant: tenantId, role: 'agent', sub: 'agent-bob' }),
    );
  });

  after(async () => {
    await platform?.stop();
    await probe?.stop();
  });

  it('brings Ana online from her desk; a desk without a token is turned away', async () => {
    const online = await ana.setStatus({
      displayName: 'Ana',
      status: 'available',
      skills: [{ name: 'billing', proficiency: 4 }],
      languages: ['es', 'en'],
      capacity: 2,
    });
    assert.deepEqual([online.status, online.body.status], [200, 'done']);
    const anonymous = await fetch(`${platform.url('gateway')}/v1/me/offers`);
    assert.equal(anonymous.status, 401);
  });

  it('shows Ana her own presence through the gateway, not Bob; a supervisor sees any agent of the tenant', async () => {
    const me = await ana.me();
    assert.equal(me.status, 200);
    assert.deepEqual(
      [me.body.agentId, me.body.status, me.body.freeSlots],
      ['agent-ana', 'online', 2],
    );
    assert.equal((await bob.agent('agent-ana')).status, 403);
    const supervisor = new DeskClient(
      platform.url('gateway'),
      await devToken({ tenant: tenantId, role: 'supervisor', sub: 'sup-presence' }),
    );
    assert.equal((await supervisor.agent('agent-ana')).body.status, 'online');
    const outsider = new DeskClient(
      platform.url('gateway'),
      await devToken({ tenant: `globex-${runId}`, role: 'supervisor', sub: 'sup-globex' }),
    );
    assert.equal((await outsider.agent('agent-ana')).status, 404);
  });

  it('Ana accepts her offer, reads the whole context, and writes to the customer; Bob may not', async () => {
    const conversationId = `conv-${runId}-work`;
    const offered = await escalatedConversation(conversationId);
    const listed = await ana.offers();
    assert.ok(
      listed.body.offers.some(
        (offer: { offerId: string }) => offer.offerId === offered.offer.offerId,
      ),
      'the offer is in her list',
    );
    assert.deepEqual((await bob.offers()).body.offers, [], "Bob sees none of Ana's offers");
    const stolen = await bob.accept(offered.offer.offerId, conversationId);
    assert.equal(stolen.status, 409, 'Bob cannot accept an offer made to Ana');
    assert.equal((await ana.accept(offered.offer.offerId, conversationId)).status, 200);
    await waitData(
      'assignment',
      conversationId,
      Topics.RoutingDecisions,
      (d) => d.outcome === 'assigned',
    );
    const joined = await waitData(
      'agent joined',
      conversationId,
      Topics.CustomerNotifications,
      (d) => d.template === 'handoff.agent_joined',
    );
    assert.match(joined.text, /Ana/);
    assert.equal(joined.language, 'es');

    const packet = await ana.context(conversationId);
    assert.equal(packet.status, 200);
    assert.equal(packet.body.conversation.status, 'assigned');
    assert.equal(packet.body.triggers[0].kind, 'explicit_request');
    assert.ok(packet.body.summary.sentences.length >= 1);
    assert.equal(packet.body.sentiment.trajectory.length, 1);
    assert.ok(
      packet.body.sentiment.trajectory[0].score < 0,
      'the Spanish complaint scores negative',
    );

    const reply = await ana.reply(conversationId, 'Hola Lucía, soy Ana. Ya veo el doble cobro.');
    assert.deepEqual([reply.status, reply.body.status], [200, 'done']);
    const sent = await waitData('agent message', conversationId, Topics.AgentMessages);
    assert.deepEqual([sent.agentId, sent.channel], ['agent-ana', 'whatsapp']);
    const intrusion = await bob.reply(conversationId, 'Hola, soy Bob');
    assert.equal(intrusion.status, 409);
    assert.match(intrusion.body.message ?? JSON.stringify(intrusion.body), /held by another agent/);
    assert.equal((await bob.note(conversationId, 'Cliente frecuente')).status, 200);

    const transcript = (await ana.conversation(conversationId)).body.transcript;
    assert.deepEqual(
      transcript.map((m: { sender: string }) => m.sender),
      ['customer', 'agent'],
    );
  });

  it("keeps tenants apart: another tenant's supervisor finds nothing and acts on nothing", async () => {
    const conversationId = `conv-${runId}-work`;
    const outsider = new DeskClient(
      platform.url('gateway'),
      await devToken({ tenant: `globex-${runId}`, role: 'supervisor', sub: 'sup-globex' }),
    );
    assert.equal((await outsider.conversation(conversationId)).status, 404);
    assert.equal((await outsider.context(conversationId)).status, 404);
    assert.equal((await outsider.reply(conversationId, 'hello')).status, 409);
  });

  it('resolves: the slot comes back, the bot resumes, and the customer rates the handoff', async () => {
    const conversationId = `conv-${runId}-work`;
    const resolved = await ana.resolve(conversationId, {
      disposition: 'solved',
      summary: 'Reembolso del doble cobro',
      handoffNeeded: true,
    });
    assert.deepEqual([resolved.status, resolved.body.status], [200, 'done']);
    assert.equal(
      (await waitData('closed', conversationId, Topics.ConversationLifecycle)).reason,
      'resolved',
    );
    const resumed = await waitData(
      'bot resumed',
      conversationId,
      Topics.ConversationControl,
      (d) => d.action === 'resume_bot',
    );
    assert.equal(resumed.summary, 'Reembolso del doble cobro');
    const survey = await waitData(
      'survey',
      conversationId,
      Topics.CustomerNotifications,
      (d) => d.template === 'handoff.csat',
    );
    assert.equal(survey.language, 'es');
    const rated = await waitData(
      'handoff rated',
      conversationId,
      Topics.Feedback,
      (d) => d.needed !== undefined,
    );
    assert.deepEqual([rated.needed, rated.triggers], [true, ['explicit_request']]);

    await probe.publish('handoff.conversation.message.posted', {
      conversationId,
      tenantId,
      messageId: 'm-csat',
      sender: 'customer',
      text: '5',
      sentAt: at(),
    });
    const csat = await waitData(
      'CSAT',
      conversationId,
      Topics.Feedback,
      (d) => d.score !== undefined,
    );
    assert.deepEqual([csat.score, csat.agentId], [5, 'agent-ana']);
  });

  it("takes a bot platform's signed webhook into the same conversation, and refuses a forged one", async () => {
    const conversationId = `conv-${runId}-webhook`;
    const source = { source: '/bot-platform/webhook' };
    const started = createEvent(
      'handoff.conversation.started',
      {
        conversationId,
        tenantId,
        channel: 'web',
        language: 'en',
        customer: { customerId: 'cust-webhook' },
        startedAt: at(),
      },
      source,
    );
    const said = createEvent(
      'handoff.conversation.message.posted',
      {
        conversationId,
        tenantId,
        messageId: 'w1',
        sender: 'customer',
        text: 'Hello from the webhook',
        sentAt: at(),
      },
      source,
    );
    assert.equal((await postSigned([said], 'not-the-secret')).status, 401);
    assert.equal((await postSigned([started, said])).status, 202);

    const supervisor = new DeskClient(
      platform.url('gateway'),
      await devToken({ tenant: tenantId, role: 'supervisor', sub: 'sup-1' }),
    );
    let transcript: { messageId: string }[] = [];
    for (let attempt = 0; attempt < 150 && transcript.length === 0; attempt++) {
      const read = await supervisor.conversation(conversationId);
      if (read.status === 200) transcript = read.body.transcript;
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.deepEqual(
      transcript.map(({ messageId }) => messageId),
      ['w1'],
    );
  });

  it('returns a conversation to the bot with a summary the bot resumes from', async () => {
    const conversationId = `conv-${runId}-back`;
    await acceptedByAna(conversationId);
    const back = await ana.returnToBot(conversationId, {
      summary: 'Dirección cambiada; el bot confirma la entrega',
    });
    assert.deepEqual([back.status, back.body.status], [200, 'done']);
    const resumed = await waitData(
      'bot resumed',
      conversationId,
      Topics.ConversationControl,
      (d) => d.action === 'resume_bot',
    );
    assert.deepEqual(
      [resumed.reason, resumed.summary],
      ['handed_back', 'Dirección cambiada; el bot confirma la entrega'],
    );
    const notice = await waitData(
      'back to bot notice',
      conversationId,
      Topics.CustomerNotifications,
      (d) => d.template === 'handoff.back_to_bot',
    );
    assert.equal(notice.language, 'es');
    assert.equal((await ana.reply(conversationId, '¿Sigues ahí?')).status, 409, 'no longer hers');
  });
});
