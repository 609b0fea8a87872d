import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RoutingDecided } from '@handoff/contracts';
import { decisionEffects, unservedTemplate, type HandoffMemory } from './decision-effects.js';

const decision = (outcome: string, extra: Partial<RoutingDecided> = {}) =>
  ({
    decisionId: `d-${outcome}`,
    escalationId: 'esc-1',
    conversationId: 'conv-1',
    tenantId: 'acme',
    outcome,
    requirements: { language: 'en', skills: [] },
    decidedAt: '2026-11-25T10:00:00.000Z',
    ...extra,
  }) as RoutingDecided;
const assigned: HandoffMemory = { escalationId: 'esc-1', assigned: true };

describe('decisionEffects', () => {
  it('maps each outcome to its notice and bot control', () => {
    const cases = [
      [
        'assigned',
        { agent: { agentId: 'a', displayName: 'Ana' } },
        'handoff.agent_joined',
        'pause_bot',
      ],
      ['queued', { queue: { reason: 'all_agents_busy' } }, 'handoff.queued', 'pause_bot'],
      [
        'deflected',
        { unserved: { policy: 'callback', reason: 'queue_full' } },
        'handoff.callback',
        'resume_bot',
      ],
      [
        'expired',
        { unserved: { policy: 'leave_message', reason: 'max_wait' } },
        'handoff.leave_message',
        'resume_bot',
      ],
      [
        'transferred',
        { transfer: { fromAgentId: 'a', toQueue: 'vip' } },
        'handoff.transferred',
        undefined,
      ],
      ['offered', {}, undefined, undefined],
      ['rerouted', {}, undefined, undefined],
      ['abandoned', {}, undefined, undefined],
    ] as const;
    for (const [outcome, extra, template, action] of cases) {
      const effects = decisionEffects(
        decision(outcome, extra as Partial<RoutingDecided>),
        undefined,
        0,
      );
      assert.equal(effects.notice?.template, template, outcome);
      assert.equal(effects.control?.action, action, outcome);
    }
  });

  it('gives each notice the values its template offers', () => {
    assert.deepEqual(
      decisionEffects(
        decision('queued', {
          queue: { reason: 'no_agent_online', position: 2, estimatedWaitSeconds: 61 },
        }),
        undefined,
        0,
      ).notice,
      { template: 'handoff.queued', values: { position: 2, waitMinutes: 2 } },
    );
    assert.deepEqual(
      decisionEffects(
        decision('transferred', {
          agent: { agentId: 'b', displayName: 'Bo' },
          transfer: { fromAgentId: 'a', toAgentId: 'b' },
        }),
        undefined,
        0,
      ).notice,
      { template: 'handoff.transferred', values: { agentName: 'Bo', queue: undefined } },
    );
  });

  it('tells nothing of a late queued, deflected or expired decision after the assignment', () => {
    for (const outcome of ['queued', 'deflected', 'expired'])
      assert.deepEqual(
        decisionEffects(decision(outcome), assigned, 0),
        { memory: assigned },
        outcome,
      );
  });

  it('once no agent will take it, remembers only that the escalation was decided', () => {
    const { memory } = decisionEffects(decision('deflected'), undefined, 0);
    assert.deepEqual(memory, { escalationId: decision('deflected').escalationId, assigned: false });
  });
});

describe('unservedTemplate', () => {
  it('says the queue is closed outside business hours, else what the policy offers', () => {
    assert.equal(
      unservedTemplate({ policy: 'callback', reason: 'outside_business_hours' }),
      'handoff.closed_hours',
    );
    assert.equal(
      unservedTemplate({ policy: 'stay_with_bot', reason: 'no_agent_online' }),
      'handoff.back_to_bot',
    );
    assert.equal(
      unservedTemplate({ policy: 'a_later_policy', reason: 'queue_full' }),
      'handoff.back_to_bot',
    );
    assert.equal(unservedTemplate(undefined), 'handoff.back_to_bot');
  });
});
