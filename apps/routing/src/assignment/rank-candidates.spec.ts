import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Candidate__Output } from '@handoff/contracts';
import { rankCandidates } from './rank-candidates.js';

function candidate(agentId: string, overrides: Partial<Candidate__Output> = {}): Candidate__Output {
  return { agentId, displayName: agentId, proficiency: 3, activeChats: 0, capacity: 4, lastAssignedAtMs: '0', ...overrides };
}

const order = (candidates: Candidate__Output[]) => rankCandidates(candidates).map((c) => c.agentId);

describe('rankCandidates', () => {
  it('puts the most proficient agent first, however busy', () => {
    const ranked = order([
      candidate('idle-novice', { proficiency: 1 }),
      candidate('busy-expert', { proficiency: 5, activeChats: 3 }),
      candidate('average', { proficiency: 3 }),
    ]);
    assert.deepEqual(ranked, ['busy-expert', 'average', 'idle-novice']);
  });

  it('prefers the smaller share of capacity in use, not the fewer chats', () => {
    // 2 of 8 slots (25%) is lighter than 1 of 2 (50%).
    const ranked = order([candidate('half-full', { activeChats: 1, capacity: 2 }), candidate('quarter-full', { activeChats: 2, capacity: 8 })]);
    assert.deepEqual(ranked, ['quarter-full', 'half-full']);
  });

  it('treats an agent with no capacity as fully loaded', () => {
    const ranked = order([candidate('no-capacity', { capacity: 0 }), candidate('nearly-full', { activeChats: 3, capacity: 4 })]);
    assert.deepEqual(ranked, ['nearly-full', 'no-capacity']);
  });

  it('then prefers whoever has waited longest since their last assignment', () => {
    const ranked = order([
      candidate('recent', { lastAssignedAtMs: '1764064800000' }),
      candidate('never-assigned', { lastAssignedAtMs: '0' }),
      candidate('earlier', { lastAssignedAtMs: '1764061200000' }),
    ]);
    assert.deepEqual(ranked, ['never-assigned', 'earlier', 'recent']);
  });

  it('breaks a full tie by agent id so the order is stable', () => {
    assert.deepEqual(order([candidate('agent-b'), candidate('agent-c'), candidate('agent-a')]), ['agent-a', 'agent-b', 'agent-c']);
  });

  it('returns a new array and leaves the input untouched', () => {
    const input = [candidate('low', { proficiency: 1 }), candidate('high', { proficiency: 5 })];
    const ranked = rankCandidates(input);
    assert.notEqual(ranked, input);
    assert.deepEqual(input.map((c) => c.agentId), ['low', 'high']);
  });

  it('returns nothing for no candidates', () => {
    assert.deepEqual(rankCandidates([]), []);
  });
});
