import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEvent } from '../cloudevents/create-event.js';
import { Topics } from '../topics.js';
import { EventValidator } from './event-validator.js';

const validator = new EventValidator();
const started = createEvent(
  'handoff.conversation.started',
  {
    conversationId: 'conv-1',
    tenantId: 'acme',
    channel: 'web',
    language: 'en',
    customer: { customerId: 'cust-1', email: 'ana@example.com' },
    startedAt: '2026-11-25T10:00:00.000Z',
  },
  { source: '/tests' },
);

const record = (event: unknown, key: string | null = 'conv-1') => ({
  key,
  value: Buffer.from(JSON.stringify(event)),
});
const reasonOf = (result: { kind: string }) => (result as unknown as { reason: string }).reason;

describe('EventValidator', () => {
  it('accepts a well-formed event on its own topic, keyed by its aggregate', () => {
    const result = validator.check(Topics.ConversationEvents, record(started));
    assert.equal(result.kind, 'event');
  });

  it('rejects bytes that are not JSON, saying so', () => {
    const result = validator.check(Topics.ConversationEvents, {
      key: 'conv-1',
      value: Buffer.from('{not json'),
    });
    assert.equal(result.kind, 'invalid');
    assert.match(reasonOf(result), /not JSON/);
  });

  it('rejects an empty value', () => {
    assert.equal(
      validator.check(Topics.ConversationEvents, { key: 'conv-1', value: null }).kind,
      'invalid',
    );
  });

  it("rejects an event over its topic's size limit before parsing it, naming both sizes", () => {
    const padded = {
      ...started,
      data: { ...started.data, customer: { customerId: 'c', displayName: 'x'.repeat(70_000) } },
    };
    const result = validator.check(Topics.ConversationEvents, record(padded));
    assert.equal(result.kind, 'invalid');
    assert.match(
      reasonOf(result),
      /event of \d+ bytes exceeds the 65536-byte limit of handoff\.conversation\.events\.v1/,
    );
  });

  it('rejects a record whose key is not the aggregate id, or has no key', () => {
    const wrongKey = validator.check(Topics.ConversationEvents, record(started, 'conv-2'));
    assert.match(reasonOf(wrongKey), /record key "conv-2" is not the event's aggregate id conv-1/);
    const noKey = validator.check(Topics.ConversationEvents, record(started, null));
    assert.match(reasonOf(noKey), /record key missing/);
  });

  it('skips, rather than rejects, an event type this version does not know', () => {
    const newer = { ...started, type: 'handoff.conversation.rated' };
    assert.deepEqual(validator.check(Topics.ConversationEvents, record(newer)), {
      kind: 'unknown_type',
      type: 'handoff.conversation.rated',
    });
  });

  it('rejects JSON that is not a CloudEvent', () => {
    const result = validator.validate(Topics.ConversationEvents, { hello: 'world' });
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /not a CloudEvent/);
  });

  it('rejects an event type that belongs to another topic', () => {
    const result = validator.validate(Topics.Escalations, started);
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /not accepted on handoff\.escalations\.v1/);
  });

  it('rejects data that breaks the type schema and names the field', () => {
    const bad = { ...started, data: { ...started.data, language: 'English' } };
    const result = validator.validate(Topics.ConversationEvents, bad);
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /\/language/);
  });

  it('accepts fields and enum values it does not know, so producers can add them', () => {
    const grown = {
      ...started,
      data: { ...started.data, channel: 'fax', surprise: { nested: true } },
    };
    assert.equal(validator.validate(Topics.ConversationEvents, grown).ok, true);
  });

  it('still rejects an extensible enum value that is not a plain name', () => {
    const bad = { ...started, data: { ...started.data, channel: 'Web Chat!' } };
    assert.match(
      (validator.validate(Topics.ConversationEvents, bad) as { reason: string }).reason,
      /\/channel/,
    );
  });

  it('rejects a partition key that is not the aggregate id', () => {
    const bad = { ...started, partitionkey: 'conv-2' };
    const result = validator.validate(Topics.ConversationEvents, bad);
    assert.match((result as { reason: string }).reason, /partitionkey/);
  });

  it('rejects a tenant attribute that differs from the data', () => {
    const bad = { ...started, tenantid: 'other' };
    const result = validator.validate(Topics.ConversationEvents, bad);
    assert.match((result as { reason: string }).reason, /tenantid/);
  });

  it('validates data alone for HTTP payloads', () => {
    const result = validator.validateData('handoff.agent.status.changed', {
      agentId: 'a1',
      tenantId: 'acme',
      displayName: 'Ana',
      status: 'online',
      skills: [{ name: 'billing', proficiency: 6 }],
      languages: ['en'],
      capacity: 2,
    });
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /proficiency/);
  });
});

describe('createEvent', () => {
  it('keys the event by its aggregate and copies the tenant', () => {
    assert.equal(started.partitionkey, 'conv-1');
    assert.equal(started.subject, 'conv-1');
    assert.equal(started.tenantid, 'acme');
    assert.equal(started.specversion, '1.0');
    assert.equal(
      started.dataschema,
      'https://schemas.handoff.dev/events/conversation-started.json',
    );
  });

  it('keys agent events by agent id', () => {
    const event = createEvent(
      'handoff.agent.status.changed',
      {
        agentId: 'agent-7',
        tenantId: 'acme',
        displayName: 'Bo',
        status: 'offline',
        skills: [],
        languages: ['en'],
        capacity: 0,
      },
      { source: '/tests' },
    );
    assert.equal(event.partitionkey, 'agent-7');
  });
});
