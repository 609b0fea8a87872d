import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Topics } from '@handoff/contracts';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { devToken } from './support/dev-tokens.js';
import { startPlatform, type Platform } from './support/platform.js';
import { testInfra, uniqueRunId } from './support/test-infra.js';
import { spanishCustomerAsksForAgent } from './support/spanish-customer.js';
import { TopicProbe } from './support/topic-probe.js';

const runId = uniqueRunId('desk');
const tenantId = `acme-${runId}`;
const basePort = Number(process.env['E2E_DESK_BASE_PORT'] ?? 18400);
const at = () => new Date().toISOString();
/** What a customer might paste: it must show as text, and never run. */
const markup = '<img src=x onerror="window.pwned=1">';

let platform: Platform;
let probe: TopicProbe;
let browser: Browser;
let page: Page;

const waitFor = (
  what: string,
  topic: string,
  conversationId: string,
  accept: (d: any) => boolean,
) =>
  probe.waitFor(
    what,
    (record) =>
      record.topic === topic && record.key === conversationId && accept(record.json?.['data']),
    60_000,
  );

describe('the web desk: an agent works a handoff in a real browser', () => {
  const conversationId = `conv-${runId}`;

  before(async () => {
    const infra = testInfra();
    probe = new TopicProbe(infra.brokers, `probe-${runId}`);
    await probe.start([Topics.AgentMessages, Topics.ConversationLifecycle]);
    platform = await startPlatform({
      runId,
      brokers: infra.brokers,
      mongoUrl: infra.mongoUrl,
      basePort,
      env: { ROUTING_OFFER_TIMEOUT_MS: '60000' },
    });
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  after(async () => {
    await browser?.close();
    await platform?.stop();
    await probe?.stop();
  });

  it('turns away a token the gateway does not accept, saying so', async () => {
    const stranger = await browser.newPage();
    await stranger.goto(`${platform.url('gateway')}/desk/#token=not-a-token`);
    await stranger.getByTestId('notice').filter({ hasText: '401' }).waitFor();
    await stranger.close();
  });

  it('signs Ana in from the address, brings her online from the status form, and keeps her signed in on reload', async () => {
    const token = await devToken({ tenant: tenantId, role: 'agent', sub: 'agent-ana' });
    await page.goto(`${platform.url('gateway')}/desk/#token=${token}`);
    assert.equal(new URL(page.url()).hash, '', 'the token leaves the address at once');
    await page
      .getByTestId('who')
      .filter({ hasText: `agent-ana · ${tenantId}` })
      .waitFor();
    await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
    await page.locator('#display-name').fill('Ana');
    await page.locator('#skills').fill('billing:4');
    await page.locator('#languages').fill('es, en');
    await page.getByRole('button', { name: 'Set status' }).click();
    await page.getByTestId('presence-state').filter({ hasText: 'online' }).waitFor();

    // Reloaded, the tab keeps her signed in and the form shows her profile as presence has it.
    await page.reload();
    await page.getByTestId('presence-state').filter({ hasText: 'online' }).waitFor();
    assert.equal(await page.locator('#display-name').inputValue(), 'Ana');
    assert.equal(await page.locator('#skills').inputValue(), 'billing:4');
    await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
  });

  it('shows the offer as it comes, and on accept why the customer is here and what they said, as text', async () => {
    await spanishCustomerAsksForAgent(probe, {
      conversationId,
      tenantId,
      text: `Me cobraron dos veces, quiero hablar con un agente ${markup}`,
      tier: 'gold',
    });
    const offer = page.locator(`[data-testid=offer][data-conversation="${conversationId}"]`);
    await offer.waitFor({ timeout: 60_000 });
    await offer.getByTestId('accept').click();

    await page.getByTestId('trigger').filter({ hasText: 'explicit_request' }).waitFor();
    const said = page.getByTestId('message').first();
    assert.match(await said.innerText(), /quiero hablar con un agente <img src=x/);
    assert.equal(await page.locator('#transcript img').count(), 0, 'no element made of it');
    assert.equal(await page.evaluate(() => (globalThis as any).pwned), undefined, 'nothing ran');
    assert.match(await page.getByTestId('customer').innerText(), /Lucía[\s\S]*gold/);
  });

  it("sends Ana's reply, shows the customer's answer live, and resolves", async () => {
    await page.locator('#reply-text').fill('Hola Lucía, soy Ana. Ya veo el doble cobro.');
    await page.getByRole('button', { name: 'Send' }).click();
    const sent = await waitFor('the reply', Topics.AgentMessages, conversationId, () => true);
    assert.equal(sent.json!['data'].text, 'Hola Lucía, soy Ana. Ya veo el doble cobro.');

    await probe.publish('handoff.conversation.message.posted', {
      conversationId,
      tenantId,
      messageId: 'm2',
      sender: 'customer',
      text: 'Gracias, fue el 3 de marzo',
      sentAt: at(),
    });
    await page.getByTestId('message').filter({ hasText: 'fue el 3 de marzo' }).waitFor();

    await page.locator('#close-summary').fill('Reembolso del doble cobro');
    await page.getByRole('button', { name: 'Resolve' }).click();
    const closed = await waitFor(
      'closed',
      Topics.ConversationLifecycle,
      conversationId,
      (data) => data?.reason === 'resolved',
    );
    assert.ok(closed);
    await page.getByTestId('notice').filter({ hasText: 'resolved' }).waitFor();
    assert.equal(await page.locator('#conversation').isHidden(), true);
  });
});
