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

describe('EventValidator', () => {
  it('accepts a well-formed event on its own topic', () => {
    const result = validator.parse(Topics.ConversationEvents, Buffer.from(JSON.stringify(started)));
    assert.equal(result.ok, true);
  });

  it('rejects bytes that are not JSON, saying so', () => {
    const result = validator.parse(Topics.ConversationEvents, Buffer.from('{not json'));
    assert.deepEqual(result.ok, false);
    assert.match((result as { reason: string }).reason, /not JSON/);
  });

  it('rejects an empty value', () => {
    const result = validator.parse(Topics.ConversationEvents, null);
    assert.equal(result.ok, false);
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
    const bad = { ...started, data: { ...started.data, channel: 'fax' } };
    const result = validator.validate(Topics.ConversationEvents, bad);
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /\/channel/);
  });

  it('rejects unknown data fields', () => {
    const bad = { ...started, data: { ...started.data, surprise: true } };
    const result = validator.validate(Topics.ConversationEvents, bad);
    assert.match((result as { reason: string }).reason, /surprise/);
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
    assert.equal(started.dataschema, 'https://schemas.handoff.dev/events/conversation-started.json');
  });

  it('keys agent events by agent id', () => {
    const event = createEvent(
      'handoff.agent.status.changed',
      { agentId: 'agent-7', tenantId: 'acme', displayName: 'Bo', status: 'offline', skills: [], languages: ['en'], capacity: 0 },
      { source: '/tests' },
    );
    assert.equal(event.partitionkey, 'agent-7');
  });
});
