import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EscalationRequested } from '@handoff/contracts';
import { priorityFor, requirementsFor } from './requirements.js';

function escalation(
  variables: EscalationRequested['variables'],
  language = 'en',
): EscalationRequested {
  return {
    escalationId: 'esc:conv-1:m-1',
    conversationId: 'conv-1',
    tenantId: 'acme',
    language,
    trigger: { kind: 'explicit_request', explanation: 'asked for a human', messageId: 'm-1' },
    sentiment: { score: -0.4, label: 'negative' },
    variables,
    requestedAt: '2026-11-25T10:00:00.000Z',
  };
}

describe('requirementsFor', () => {
  it('asks for the conversation language and no skill when the bot collected no topic', () => {
    assert.deepEqual(requirementsFor(escalation({}, 'pt-BR')), { language: 'pt-BR', skills: [] });
  });

  it('asks for the topic as a skill at the lowest proficiency', () => {
    assert.deepEqual(requirementsFor(escalation({ topic: 'billing' })).skills, [
      { name: 'billing', minProficiency: 1 },
    ]);
  });

  it('normalises the topic to a skill name', () => {
    assert.deepEqual(requirementsFor(escalation({ topic: '  Returns ' })).skills, [
      { name: 'returns', minProficiency: 1 },
    ]);
  });

  it('asks for a stronger agent for premium tiers, whatever their case', () => {
    for (const tier of ['vip', 'premium', 'Gold', 'PLATINUM']) {
      assert.deepEqual(
        requirementsFor(escalation({ topic: 'billing', customer_tier: tier })).skills,
        [{ name: 'billing', minProficiency: 3 }],
        tier,
      );
    }
  });

  it('keeps the lowest proficiency for other tiers', () => {
    assert.deepEqual(
      requirementsFor(escalation({ topic: 'billing', customer_tier: 'standard' })).skills,
      [{ name: 'billing', minProficiency: 1 }],
    );
    assert.deepEqual(requirementsFor(escalation({ topic: 'billing', customer_tier: 1 })).skills, [
      { name: 'billing', minProficiency: 1 },
    ]);
  });

  it('asks for no skill when the topic cannot be a skill name', () => {
    for (const topic of ['billing questions', 'billing!', '_billing', '', 42, true]) {
      assert.deepEqual(requirementsFor(escalation({ topic })).skills, [], String(topic));
    }
  });

  it('asks for no skill when the topic is longer than a skill name may be', () => {
    // A longer name would make the routing decision break its own schema and be dead-lettered downstream.
    assert.deepEqual(requirementsFor(escalation({ topic: 'a'.repeat(65) })).skills, []);
    assert.deepEqual(requirementsFor(escalation({ topic: 'a'.repeat(64) })).skills, [
      { name: 'a'.repeat(64), minProficiency: 1 },
    ]);
  });
});

describe('priorityFor', () => {
  it('serves premium tiers first, whatever the case of the tier', () => {
    assert.equal(priorityFor(escalation({ customer_tier: 'Gold' })), 5);
    assert.equal(priorityFor(escalation({ customer_tier: 'basic' })), 0);
    assert.equal(priorityFor(escalation({})), 0);
  });
});
