import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at } from './context-records.fixtures.js';
import { occasionOf } from './packet-occasions.js';

const record = (outcome: string, second: number) => ({
  _id: `d-${second}`,
  conversationId: 'c-1',
  tenantId: 'acme',
  escalationId: 'esc-1',
  outcome,
  decidedAt: at(second),
});
const decision = (outcome: string, second: number) => ({
  decisionId: `d-${second}`,
  outcome,
  decidedAt: at(second).toISOString(),
});

describe('occasionOf', () => {
  it('gives a packet to an agent offered or assigned the conversation, and to nobody otherwise', () => {
    assert.equal(occasionOf(decision('offered', 2), [record('queued', 1)]), 'offered');
    assert.equal(occasionOf(decision('assigned', 3), [record('offered', 2)]), 'assigned');
    for (const outcome of ['queued', 'rerouted', 'transferred', 'deflected'])
      assert.equal(occasionOf(decision(outcome, 2), []), undefined, outcome);
  });

  it('says transferred when a transfer came last before this placement', () => {
    const history = [
      record('assigned', 1),
      record('transferred', 2),
      record('offered', 3),
      record('rerouted', 4),
    ];
    assert.equal(occasionOf(decision('offered', 5), history), 'transferred');
    assert.equal(
      occasionOf(decision('assigned', 6), [...history, record('assigned', 6)]),
      'transferred',
    );
    // Decisions after this one do not count.
    assert.equal(occasionOf(decision('assigned', 1), [record('transferred', 2)]), 'assigned');
  });
});
