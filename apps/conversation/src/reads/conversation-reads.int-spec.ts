import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  Topics,
  commandResultType,
  conversationStartedType,
  messagePostedType,
  routingDecidedType,
  sendAgentMessageType,
} from '@handoff/contracts';
import { integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { EventBus, on } from '@handoff/messaging/testing';
import { startConversationUnderTest, TestIssuer } from '../testing/conversation-under-test.js';

const runName = uniqueName('int_conversation_reads');
const tenantId = `tenant_${runName}`;
const discreetTenant = `discreet_${runName}`;
const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, second)).toISOString();

let service: Awaited<ReturnType<typeof startConversationUnderTest>>;
let bus: EventBus;

/** A conversation the customer gave personal data in, assigned to Ana, who answered. */
async function conversationWithAnswer(conversationId: string, tenant: string): Promise<void> {
  await bus.publish(
    on(conversationStartedType, {
      conversationId,
      tenantId: tenant,
      channel: 'web',
      language: 'en',
      customer: { customerId: 'cust-1', displayName: 'Carla', email: 'carla@example.com' },
      startedAt: at(0),
    }),
    on(messagePostedType, {
      conversationId,
      tenantId: tenant,
      messageId: 'm-1',
      sender: 'customer',
      text: 'Card 4111 1111 1111 1111 was charged twice, write to carla@example.com <b>now</b>',
      sentAt: at(1),
    }),
    on(routingDecidedType, {
      decisionId: `decision_${conversationId}`,
      escalationId: `esc_${conversationId}`,
      conversationId,
      tenantId: tenant,
      outcome: 'assigned',
      requirements: { language: 'en', skills: [] },
      agent: { agentId: 'agent-ana', displayName: 'Ana' },
      decidedAt: at(2),
    }),
    on(sendAgentMessageType, {
      commandId: `answer_${conversationId}`,
      tenantId: tenant,
      agentId: 'agent-ana',
      conversationId,
      text: 'I see it, refunding now',
      // Sent as the desk saw the assignment: it waits here until the decision arrives too.
      requestedAt: new Date().toISOString(),
    }),
  );
  const result = await bus.received(
    commandResultType,
    (data) => data.commandId === `answer_${conversationId}`,
  );
  assert.equal(result.data.status, 'done');
}

async function read(path: string, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, body: await response.json() };
}

describe("people's reads of a conversation, with the token the gateway forwards", () => {
  before(async () => {
    const infra = integrationInfra();
    service = await startConversationUnderTest({
      name: runName,
      brokers: infra.brokers,
      mongoUrl: infra.mongoUrl,
      privacy: { tenants: { [discreetTenant]: { agentSees: 'redacted' } } },
    });
    bus = new EventBus(infra.brokers, runName);
    await bus.start([Topics.AgentCommandResults]);
  });

  after(async () => {
    await bus?.stop();
    await service?.close();
  });

  it("gives the tenant's agent the transcript with the agent's reply, and script as plain data", async () => {
    const conversationId = `conv_${runName}_open`;
    await conversationWithAnswer(conversationId, tenantId);
    const token = await service.issuer.token({ tenant: tenantId, role: 'agent', sub: 'agent-ana' });

    const { status, body } = await read(`/v1/conversations/${conversationId}`, token);
    assert.equal(status, 200);
    assert.equal(body.status, 'assigned');
    assert.equal(body.customer.email, 'carla@example.com');
    assert.deepEqual(
      body.transcript.map((m: { sender: string; agentId?: string }) => [m.sender, m.agentId]),
      [
        ['customer', undefined],
        ['agent', 'agent-ana'],
      ],
    );
    assert.match(body.transcript[0].text, /<b>now<\/b>/);
    const packet = await read(`/v1/conversations/${conversationId}/context`, token);
    assert.equal(packet.status, 200);
    assert.equal(packet.body.transcript.totalMessages, 2);
  });

  it('finds nothing for another tenant, and lets no one in without a valid token of a known role', async () => {
    const conversationId = `conv_${runName}_guarded`;
    await conversationWithAnswer(conversationId, tenantId);
    const path = `/v1/conversations/${conversationId}`;
    const otherTenant = await service.issuer.token({
      tenant: `other_${runName}`,
      role: 'supervisor',
      sub: 'sup-1',
    });
    const expired = await service.issuer.token({
      tenant: tenantId,
      role: 'agent',
      sub: 'agent-ana',
      expiresInSeconds: -120,
    });
    const stranger = await (
      await TestIssuer.create(service.dir)
    ).token({ tenant: tenantId, role: 'agent', sub: 'agent-ana' });
    const noRole = await service.issuer.token({ tenant: tenantId, role: 'viewer', sub: 'someone' });

    assert.equal((await read(path, otherTenant)).status, 404);
    assert.equal((await read(`${path}/context`, otherTenant)).status, 404);
    assert.equal((await read(path)).status, 401);
    assert.equal((await read(path, expired)).status, 401);
    assert.equal((await read(path, stranger)).status, 401);
    assert.equal((await read(path, noRole)).status, 403);
  });

  it("shows a redacting tenant's agents no email or card number, in the conversation and its packet", async () => {
    const conversationId = `conv_${runName}_discreet`;
    await conversationWithAnswer(conversationId, discreetTenant);
    const token = await service.issuer.token({
      tenant: discreetTenant,
      role: 'agent',
      sub: 'agent-ana',
    });

    const { body } = await read(`/v1/conversations/${conversationId}`, token);
    assert.equal(body.customer.email, '[email]');
    assert.equal(
      body.transcript[0].text,
      'Card [card] was charged twice, write to [email] <b>now</b>',
    );
    const packet = (await read(`/v1/conversations/${conversationId}/context`, token)).body;
    assert.equal(packet.customer.email, '[email]');
    assert.equal(packet.transcript.messages[0].text, body.transcript[0].text);
    assert.ok(packet.summary.sentences.every((sentence: string) => !sentence.includes('4111')));
  });
});
