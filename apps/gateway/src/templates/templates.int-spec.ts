import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Topics, type CloudEvent } from '@handoff/contracts';
import { TopicRecorder } from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { call, startGateway, type GatewayUnderTest } from '../testing/gateway-app.fixtures.js';

const infra = integrationInfra();
const tenant = uniqueName('acme');

describe('gateway: tenant configuration (templates, escalation rules) and reads', () => {
  let gateway: GatewayUnderTest;
  let conversation: Server;
  const seen: { url: string; authorization: string | undefined }[] = [];
  const config = new TopicRecorder(infra.brokers, uniqueName('gateway_tenant_config'));

  before(async () => {
    // A stand-in for the conversation service's read endpoint: records what it was asked.
    conversation = createServer((request, response) => {
      seen.push({ url: request.url!, authorization: request.headers.authorization });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ conversationId: 'c1', from: 'conversation' }));
    });
    await new Promise<void>((resolve) => conversation.listen(0, '127.0.0.1', resolve));
    const port = (conversation.address() as AddressInfo).port;
    await config.start([Topics.TenantConfig]);
    gateway = await startGateway(infra, { CONVERSATION_URL: `http://127.0.0.1:${port}` });
  });
  after(async () => {
    await config.stop();
    await gateway?.stop();
    conversation?.close();
  });

  const templatesUrl = () => `${gateway.url}/v1/admin/templates`;

  it('refuses template uploads from agents with 403', async () => {
    const token = await gateway.token({ tenant, sub: 'agent-ana', role: 'agent' });
    const answered = await call(templatesUrl(), {
      method: 'PUT',
      token,
      body: { version: 1, templates: {} },
    });
    assert.equal(answered.status, 403);
  });

  it('refuses bad ICU syntax with 400 naming the template and language', async () => {
    const token = await gateway.token({ tenant, sub: 'admin-1', role: 'admin' });
    const answered = await call(templatesUrl(), {
      method: 'PUT',
      token,
      body: {
        version: 1,
        templates: { 'handoff.connecting': { en: 'Hi {agentName', es: 'Hola {agentName}' } },
      },
    });
    assert.equal(answered.status, 400);
    assert.equal(answered.body.problems.length, 1);
    assert.equal(answered.body.problems[0].template, 'handoff.connecting');
    assert.equal(answered.body.problems[0].language, 'en');
    assert.match(answered.body.problems[0].problem, /ICU syntax error/);
  });

  it("publishes good templates on the tenant config topic with the token's tenant", async () => {
    const token = await gateway.token({ tenant, sub: 'admin-1', role: ['admin'] });
    const answered = await call(templatesUrl(), {
      method: 'PUT',
      token,
      body: {
        version: 2,
        tenantId: 'someone-else',
        templates: { 'handoff.connecting': { en: 'Connecting you with {agentName}…' } },
      },
    });
    assert.equal(answered.status, 202);
    const event = await eventually('the templates on the tenant config topic', () =>
      config.messages
        .map((message) => JSON.parse(message.value!.toString()) as CloudEvent<string, any>)
        .find((candidate) => candidate.tenantid === tenant),
    );
    assert.equal(event.type, 'handoff.tenant.templates.published');
    assert.equal(event.data.version, 2);
    assert.equal(event.data.publishedBy, 'admin-1');
    assert.deepEqual(event.data.templates, {
      'handoff.connecting': { en: 'Connecting you with {agentName}…' },
    });
    // Only one set was accepted: the refused ones published nothing.
    const templateSets = config.messages.filter(
      (message) =>
        message.key?.toString() === tenant &&
        message.value!.toString().includes('handoff.tenant.templates.published'),
    );
    assert.equal(templateSets.length, 1);
  });

  it('refuses a rule set from an agent with 403, and a broken one with 400 naming each line', async () => {
    const triggersUrl = `${gateway.url}/v1/admin/triggers`;
    const agent = await gateway.token({ tenant, sub: 'agent-ana', role: 'agent' });
    const asAgent = await call(triggersUrl, {
      method: 'PUT',
      token: agent,
      body: { version: 1, source: '{}' },
    });
    assert.equal(asAgent.status, 403);
    const admin = await gateway.token({ tenant, sub: 'admin-1', role: 'admin' });
    const source =
      'sentiment:\n  below: -3\nbusinessRules:\n  - name: vip\n    when: tierr == "vip"\n';
    const broken = await call(triggersUrl, {
      method: 'PUT',
      token: admin,
      body: { version: 1, source },
    });
    assert.equal(broken.status, 400);
    assert.deepEqual(
      broken.body.problems.map((problem: { line: number; path: string }) => [
        problem.line,
        problem.path,
      ]),
      [[2, 'sentiment.below']],
    );
    const misspelt = await call(triggersUrl, {
      method: 'PUT',
      token: admin,
      body: { version: 1, source: source.replace('-3', '-0.5') },
    });
    assert.equal(misspelt.status, 400);
    assert.equal(misspelt.body.problems[0].line, 5);
    assert.match(misspelt.body.problems[0].message, /unknown field "tierr"/);
  });

  it("publishes a good rule set on the tenant config topic with the token's tenant", async () => {
    const admin = await gateway.token({ tenant, sub: 'admin-1', role: 'admin' });
    const source = 'sentiment:\n  below: -0.5\nintentSkills:\n  billing.refund: billing\n';
    const answered = await call(`${gateway.url}/v1/admin/triggers`, {
      method: 'PUT',
      token: admin,
      body: { version: 3, source, tenantId: 'someone-else' },
    });
    assert.equal(answered.status, 202);
    assert.deepEqual(answered.body, { tenantId: tenant, version: 3 });
    const event = await eventually('the rule set on the tenant config topic', () =>
      config.messages
        .map((message) => JSON.parse(message.value!.toString()) as CloudEvent<string, any>)
        .find(
          (candidate) =>
            candidate.tenantid === tenant && candidate.type === 'handoff.tenant.triggers.published',
        ),
    );
    assert.equal(event.tenantid, tenant);
    assert.deepEqual(event.data.rules, {
      sentiment: { below: -0.5 },
      intentSkills: { 'billing.refund': 'billing' },
    });
  });

  it("forwards conversation reads with the caller's token", async () => {
    const token = await gateway.token({ tenant, sub: 'agent-ana' });
    const answered = await call(`${gateway.url}/v1/conversations/c1/context`, { token });
    assert.equal(answered.status, 200);
    assert.deepEqual(answered.body, { conversationId: 'c1', from: 'conversation' });
    assert.deepEqual(seen.at(-1), {
      url: '/v1/conversations/c1/context',
      authorization: `Bearer ${token}`,
    });
    assert.equal((await call(`${gateway.url}/v1/conversations/c1`)).status, 401);
    assert.equal(seen.length, 1);
  });
});
