import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReplayGuard } from './replay-guard.js';
import { checkSignature, signatureHeaderValue } from './webhook-signature.js';

const secret = 'tenant-secret-0123456789';
const body = Buffer.from('{"hello":"world"}');
const now = 1_800_000_000;
const check = (header: string | undefined, secrets = [secret], nowSeconds = now) =>
  checkSignature({ header, body, secrets, nowSeconds, toleranceSeconds: 300 });

describe('checkSignature', () => {
  it('accepts the HMAC of "<t>.<body>" with one of the tenant secrets', () => {
    const result = check(signatureHeaderValue(secret, now, body), ['rotated-away-0123456', secret]);
    assert.equal(result.ok, true);
  });

  it('refuses another secret, another body, a missing or malformed header', () => {
    assert.deepEqual(check(signatureHeaderValue('another-secret-01234567', now, body)), {
      ok: false,
      reason: 'signature does not match',
    });
    const otherBody = signatureHeaderValue(secret, now, '{"hello":"mars"}');
    assert.equal(check(otherBody).ok, false);
    assert.equal(check(undefined).ok, false);
    assert.equal(check(`t=${now}`).ok, false);
    assert.equal(check(`t=${now},v1=zz`).ok, false);
    assert.equal(check(signatureHeaderValue(secret, now, body), []).ok, false);
  });

  it('refuses a timestamp outside ±5 minutes', () => {
    assert.equal(check(signatureHeaderValue(secret, now - 299, body)).ok, true);
    assert.deepEqual(check(signatureHeaderValue(secret, now - 301, body)), {
      ok: false,
      reason: 'signature timestamp outside the accepted window',
    });
    assert.equal(check(signatureHeaderValue(secret, now + 301, body)).ok, false);
  });
});

describe('ReplayGuard', () => {
  it('refuses a signature seen within the window, and forgets it after', () => {
    const guard = new ReplayGuard(300);
    assert.equal(guard.claim('sig', now, now), true);
    assert.equal(guard.claim('sig', now, now + 10), false);
    assert.equal(guard.claim('sig', now, now + 301), true);
  });

  it('lets a released signature through again', () => {
    const guard = new ReplayGuard(300);
    guard.claim('sig', now, now);
    guard.release('sig');
    assert.equal(guard.claim('sig', now, now + 1), true);
  });
});
