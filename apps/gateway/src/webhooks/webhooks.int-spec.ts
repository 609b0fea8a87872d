import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { conversationStartedType, createEvent, Topics } from '@handoff/contracts';
import { TopicRecorder } from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { startGateway, type GatewayUnderTest } from '../testing/gateway-app.fixtures.js';
import { signatureHeaderValue } from './webhook-signature.js';

const infra = integrationInfra();
const tenant = uniqueName('acme');
const otherTenant = uniqueName('globex');
const secret = 'acme-webhook-secret-0123456789';

function started(tenantId: string, conversationId: string, padding = '') {
  return createEvent(
    conversationStartedType,
    {
      conversationId,
      tenantId,
      // Padding makes a body too large; the size is refused before anything reads it.
      customer: {
        customerId: `cust-${conversationId}`.slice(0, 120),
        ...(padding ? { note: padding } : {}),
      },
      channel: 'web',
      language: 'en',
      startedAt: new Date().toISOString(),
    } as never,
    { source: '/bot-platform' },
  );
}

describe('gateway webhooks', () => {
  let gateway: GatewayUnderTest;
  const events = new TopicRecorder(infra.brokers, uniqueName('gateway_webhook_events'));

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-webhooks-'));
    const secrets = join(dir, 'secrets.json');
    writeFileSync(
      secrets,
      JSON.stringify({
        [tenant]: ['old-secret-0123456789abc', secret],
        [otherTenant]: 'globex-secret-0123456789',
      }),
    );
    await events.start([Topics.ConversationEvents]);
    gateway = await startGateway(infra, { GATEWAY_WEBHOOK_SECRETS_FILE: secrets });
  });
  after(async () => {
    await events.stop();
    await gateway?.stop();
  });

  const post = (path: string, body: string, signature?: string) =>
    fetch(`${gateway.url}/v1/webhooks/${path}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/cloudevents+json',
        ...(signature ? { 'x-handoff-signature': signature } : {}),
      },
      body,
    });
  const now = () => Math.floor(Date.now() / 1000);
  const producedFor = (conversationId: string) =>
    events.messages.filter((message) => message.key?.toString() === conversationId);

  it('produces a correctly signed event as it was sent, keyed by its conversation', async () => {
    const conversationId = uniqueName('conv');
    const body = JSON.stringify(started(tenant, conversationId));
    const response = await post(tenant, body, signatureHeaderValue(secret, now(), body));
    assert.equal(response.status, 202);
    const [record] = await eventually('the event on the conversation events topic', () => {
      const found = producedFor(conversationId);
      return found.length > 0 && found;
    });
    assert.equal(record!.value!.toString(), body);
  });

  it('refuses forged, replayed, stale, oversized and other-tenant calls, producing nothing', async () => {
    const ids = Array.from({ length: 6 }, () => uniqueName('conv'));
    const [forged, replayed, stale, oversized, foreign, invalid] = ids as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const bodyOf = (id: string, tenantId = tenant) => JSON.stringify(started(tenantId, id));

    const forgedBody = bodyOf(forged);
    assert.equal(
      (
        await post(
          tenant,
          forgedBody,
          signatureHeaderValue('not-the-secret-0123456789', now(), forgedBody),
        )
      ).status,
      401,
    );
    assert.equal((await post(tenant, forgedBody)).status, 401);

    const replayBody = bodyOf(replayed);
    const signature = signatureHeaderValue(secret, now(), replayBody);
    assert.equal((await post(tenant, replayBody, signature)).status, 202);
    assert.equal((await post(tenant, replayBody, signature)).status, 409);

    const staleBody = bodyOf(stale);
    assert.equal(
      (await post(tenant, staleBody, signatureHeaderValue(secret, now() - 301, staleBody))).status,
      401,
    );

    const bigBody = JSON.stringify(started(tenant, oversized, 'x'.repeat(70_000)));
    assert.equal(
      (await post(tenant, bigBody, signatureHeaderValue(secret, now(), bigBody))).status,
      413,
    );

    // Signed with the caller's own secret, but about another tenant.
    const foreignBody = bodyOf(foreign, otherTenant);
    const response = await post(
      tenant,
      foreignBody,
      signatureHeaderValue(secret, now(), foreignBody),
    );
    assert.equal(response.status, 403);

    const invalidBody = JSON.stringify({
      ...started(tenant, invalid),
      type: 'handoff.routing.decided',
    });
    const refused = await post(
      tenant,
      invalidBody,
      signatureHeaderValue(secret, now(), invalidBody),
    );
    assert.equal(refused.status, 400);
    assert.match(
      ((await refused.json()) as { message: string }).message,
      /not accepted on handoff.conversation.events.v1/,
    );

    // The one accepted call arrives; by then any other would have too.
    await eventually('the replayed event once', () => producedFor(replayed).length > 0);
    assert.equal(producedFor(replayed).length, 1);
    for (const id of [forged, stale, oversized, foreign, invalid])
      assert.deepEqual(producedFor(id), [], id);
  });
});
