import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { integrationInfra } from '@handoff/service-kit/testing';
import { startGateway, type GatewayUnderTest } from '../testing/gateway-app.fixtures.js';

const infra = integrationInfra();

describe('gateway: the web desk', () => {
  let gateway: GatewayUnderTest;
  before(async () => {
    gateway = await startGateway(infra);
  });
  after(() => gateway?.stop());

  it('serves the page and its scripts to anyone, under a policy that runs only its own scripts', async () => {
    const page = await fetch(`${gateway.url}/desk`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    assert.match(await page.text(), /<script type="module" src="main.js">/);
    const policy = page.headers.get('content-security-policy')!;
    assert.match(policy, /script-src 'self'/);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.doesNotMatch(policy, /unsafe-inline/);

    const script = await fetch(`${gateway.url}/desk/main.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type')!, /^text\/javascript/);
    assert.equal(script.headers.get('x-content-type-options'), 'nosniff');
  });

  it('serves nothing else: no other name, extension, test or directory', async () => {
    for (const path of [
      '/desk/main.d.ts',
      '/desk/sse-frames.spec.js',
      '/desk/.tsbuildinfo',
      '/desk/..%2Fpackage.json',
      '/desk/nope.js',
    ])
      assert.equal((await fetch(`${gateway.url}${path}`)).status, 404, path);
  });
});
