import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { RoutingDecided } from '@handoff/contracts';
import { AgentDirectory } from '../agents/agent-directory.js';
import { MissedOffers } from './missed-offers.js';

function decision(
  agentId: string,
  outcome: string,
  endedBy?: string,
  tenantId = 'acme',
): RoutingDecided {
  return {
    decisionId: `d-${agentId}-${outcome}`,
    escalationId: 'esc-1',
    conversationId: 'c1',
    tenantId,
    outcome,
    requirements: { language: 'en', skills: [] },
    agent: { agentId, displayName: agentId },
    ...(endedBy ? { offer: { offerId: 'o1', endedBy } } : {}),
    decidedAt: '2026-11-26T10:00:00.000Z',
  };
}

describe('MissedOffers', () => {
  let directory: AgentDirectory;

  beforeEach(() => {
    directory = new AgentDirectory();
    for (const agentId of ['ana', 'bo'])
      directory.apply({
        agentId,
        tenantId: 'acme',
        displayName: agentId,
        status: 'online',
        skills: [],
        languages: ['en'],
        capacity: 2,
        statusChangedAt: new Date(0),
      });
  });

  it('sets an agent away after the limit of offers run out in a row, counting again after an accepted one', () => {
    const missed = new MissedOffers(directory, 2);
    assert.equal(missed.observe(decision('ana', 'rerouted', 'expired')), undefined);
    assert.equal(
      missed.observe(decision('ana', 'assigned')),
      undefined,
      'accepted: counting again',
    );
    assert.equal(missed.observe(decision('ana', 'rerouted', 'expired')), undefined);
    assert.equal(
      missed.observe(decision('ana', 'rerouted', 'declined')),
      undefined,
      'a decline is an answer',
    );
    assert.deepEqual(missed.observe(decision('ana', 'rerouted', 'expired')), {
      agentId: 'ana',
      tenantId: 'acme',
      displayName: 'ana',
      status: 'away',
      skills: [],
      languages: ['en'],
      capacity: 2,
      reason: 'missed_offers',
    });
    assert.equal(
      missed.observe(decision('bo', 'rerouted', 'expired')),
      undefined,
      'counted per agent',
    );
  });

  it('does nothing with a limit of 0, or for an agent who is not online or not known', () => {
    assert.equal(
      new MissedOffers(directory, 0).observe(decision('ana', 'rerouted', 'expired')),
      undefined,
    );
    const missed = new MissedOffers(directory, 1);
    assert.equal(missed.observe(decision('ghost', 'rerouted', 'expired')), undefined);
    assert.equal(missed.observe(decision('ana', 'rerouted', 'expired', 'globex')), undefined);
  });
});
