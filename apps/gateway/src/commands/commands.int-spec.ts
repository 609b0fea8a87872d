import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { commandResultType, Topics, type CloudEvent } from '@handoff/contracts';
import { TopicRecorder } from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { call, startGateway, type GatewayUnderTest } from '../testing/gateway-app.fixtures.js';

const infra = integrationInfra();
const tenantA = uniqueName('acme');
const tenantB = uniqueName('globex');

describe('gateway commands', () => {
  let gateway: GatewayUnderTest;
  const commands = new TopicRecorder(infra.brokers, uniqueName('gateway_commands'));

  before(async () => {
    await commands.start([Topics.AgentCommands]);
    gateway = await startGateway(infra, { GATEWAY_COMMAND_TIMEOUT_MS: '8000' });
  });
  after(async () => {
    await commands.stop();
    await gateway?.stop();
  });

  const published = (conversationId: string) =>
    commands.messages
      .map((message) => JSON.parse(message.value!.toString()) as CloudEvent<string, any>)
      .filter((event) => event.data.conversationId === conversationId);

  it('answers 401 without a token, with an expired one and with one of another issuer', async () => {
    const path = `${gateway.url}/v1/conversations/c-401/messages`;
    const body = { text: 'hello' };
    assert.equal((await call(path, { method: 'POST', body })).status, 401);
    const expired = await gateway.token({
      tenant: tenantA,
      sub: 'ana',
      issuedAt: new Date(Date.now() - 7_200_000),
      ttlSeconds: 3600,
    });
    assert.equal((await call(path, { method: 'POST', body, token: expired })).status, 401);
    const foreign = await gateway.token({
      tenant: tenantA,
      sub: 'ana',
      issuer: 'https://evil.test',
    });
    assert.equal((await call(path, { method: 'POST', body, token: foreign })).status, 401);
    assert.deepEqual(published('c-401'), []);
  });

  it("publishes an agent's message with the token's tenant and agent, whatever the body says, and answers with the result", async () => {
    const conversationId = uniqueName('conv');
    const token = await gateway.token({ tenant: tenantA, sub: 'agent-ana' });
    const response = call(`${gateway.url}/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      token,
      body: { text: 'Hi, I can help', tenantId: tenantB, agentId: 'agent-mallory' },
    });
    const [command] = await eventually('the command on the commands topic', () => {
      const found = published(conversationId);
      return found.length > 0 && found;
    });
    assert.equal(command!.type, 'handoff.agent.message.send');
    assert.equal(command!.tenantid, tenantA);
    assert.deepEqual(
      {
        tenantId: command!.data.tenantId,
        agentId: command!.data.agentId,
        text: command!.data.text,
      },
      { tenantId: tenantA, agentId: 'agent-ana', text: 'Hi, I can help' },
    );
    await gateway.produce(commandResultType, {
      commandId: command!.data.commandId,
      tenantId: tenantA,
      agentId: 'agent-ana',
      conversationId,
      status: 'done',
      decidedAt: new Date().toISOString(),
    });
    const answered = await response;
    // The gateway relays the first result for the command. On the shared test broker, a
    // conversation service of another test may refuse this unknown conversation before the
    // result above arrives: either way the status code must say what the result said.
    assert.equal(answered.body.commandId, command!.data.commandId);
    assert.equal(answered.status, answered.body.status === 'done' ? 200 : 409);
  });

  it('answers 409 with the reason when the command is refused', async () => {
    const conversationId = uniqueName('conv');
    const token = await gateway.token({ tenant: tenantA, sub: 'agent-ana' });
    const response = call(`${gateway.url}/v1/offers/offer-1/accept`, {
      method: 'POST',
      token,
      body: { conversationId },
    });
    const [command] = await eventually('the accept command', () => {
      const found = published(conversationId);
      return found.length > 0 && found;
    });
    assert.equal(command!.type, 'handoff.agent.offer.accept');
    await gateway.produce(commandResultType, {
      commandId: command!.data.commandId,
      tenantId: tenantA,
      agentId: 'agent-ana',
      conversationId,
      status: 'refused',
      reason: 'offer expired',
      decidedAt: new Date().toISOString(),
    });
    const answered = await response;
    assert.equal(answered.status, 409);
    assert.equal(answered.body.message, 'offer expired');
    assert.equal(answered.body.commandId, command!.data.commandId);
  });

  it('answers 400 with the contract errors and publishes nothing for an invalid command', async () => {
    const conversationId = uniqueName('conv');
    const token = await gateway.token({ tenant: tenantA, sub: 'agent-ana' });
    const answered = await call(`${gateway.url}/v1/conversations/${conversationId}/resolve`, {
      method: 'POST',
      token,
      body: { summary: 'no disposition' },
    });
    assert.equal(answered.status, 400);
    assert.match(answered.body.reason, /disposition/);
    const other = await call(`${gateway.url}/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      token,
      body: '{"text": ',
    });
    assert.equal(other.status, 400);
    assert.deepEqual(published(conversationId), []);
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const token = await gateway.token({ tenant: tenantA, sub: 'agent-ana' });
    const answered = await call(`${gateway.url}/v1/conversations/c-big/notes`, {
      method: 'POST',
      token,
      body: { text: 'x'.repeat(70_000) },
    });
    assert.equal(answered.status, 413);
    assert.match(answered.body.message, /exceeds 65536 bytes/);
  });

  it('answers 504 with the commandId when no result comes in time', async () => {
    const slow = await startGateway(infra, { GATEWAY_COMMAND_TIMEOUT_MS: '300' });
    try {
      const token = await slow.token({ tenant: tenantA, sub: 'agent-ana' });
      const answered = await call(`${slow.url}/v1/me/offers`, { token });
      assert.equal(answered.status, 504);
      assert.match(answered.body.commandId, /^[0-9a-f-]{36}$/);
    } finally {
      await slow.stop();
    }
  });
});
