import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseJsonConfig } from '@handoff/service-kit';
import { defaultTenantPrivacy, privacyFileSchema, privacyOf } from './privacy-config.js';
import { Redactor } from './redactor.js';

const byDefault = new Redactor(defaultTenantPrivacy);

describe('Redactor', () => {
  it('replaces emails, card numbers and phone numbers with their kind', () => {
    assert.equal(
      byDefault.redact(
        'Write to carla.diaz@example.es, card 4111 1111 1111 1111, call +34 612 345 678 or (555) 010-4477',
      ),
      'Write to [email], card [card], call [phone] or [phone]',
    );
  });

  it('leaves order numbers that fail the card check and short numbers alone', () => {
    assert.equal(
      byDefault.redact('Order 4111 1111 1111 1112, 3 items, total 129.99, code 48213'),
      'Order 4111 1111 1111 1112, 3 items, total 129.99, code 48213',
    );
  });

  it("applies the tenant's own patterns and skips what the tenant turns off", () => {
    const settings = parseJsonConfig(
      privacyFileSchema,
      JSON.stringify({
        tenants: {
          acme: {
            redact: { phones: false, patterns: [{ name: 'account', regex: 'ACC-\\d{6}' }] },
          },
        },
      }),
      'privacy file',
    );
    const redactor = new Redactor(privacyOf(settings, 'acme'));

    assert.equal(
      redactor.redact('Account ACC-123456, phone +34 612 345 678, ana@example.com'),
      'Account [account], phone +34 612 345 678, [email]',
    );
  });

  it('falls back to the * entry, then to the defaults', () => {
    const settings = parseJsonConfig(
      privacyFileSchema,
      JSON.stringify({ tenants: { '*': { retentionDays: 30, agentSees: 'redacted' } } }),
      'privacy file',
    );

    assert.equal(privacyOf(settings, 'globex').retentionDays, 30);
    assert.equal(privacyOf(settings, 'globex').agentSees, 'redacted');
    assert.equal(privacyOf({ tenants: {} }, 'globex').retentionDays, undefined);
  });

  it('refuses a file with a pattern that is not a regular expression, naming where', () => {
    assert.throws(
      () =>
        parseJsonConfig(
          privacyFileSchema,
          JSON.stringify({
            tenants: { acme: { redact: { patterns: [{ name: 'x', regex: '(' }] } } },
          }),
          'privacy file',
        ),
      (error: unknown) =>
        error instanceof ConfigError &&
        /tenants\.acme\.redact\.patterns\.0\.regex/.test(error.message),
    );
  });
});
