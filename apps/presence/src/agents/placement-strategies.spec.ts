import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AgentDirectory, type AgentProfile, type Placement } from './agent-directory.js';
import { agent, at } from './agent.fixtures.js';
import { strategyOf } from './placement-strategies.js';

const skilled = (agentId: string, proficiency: number, changes: Partial<AgentProfile> = {}) =>
  agent(agentId, { skills: [{ name: 'billing', proficiency }], capacity: 3, ...changes });

describe('placement strategies', () => {
  let directory: AgentDirectory;
  let clock: number;

  /** Places conversations one call each, a second apart; returns who got each (or queued). */
  const place = (strategy: string, conversations: string[], changes: Partial<Placement> = {}) =>
    conversations.map((conversationId) => {
      const [outcome] = directory.placeBest(
        'acme',
        [
          {
            conversationId,
            language: 'en',
            skills: [{ name: 'billing', minProficiency: 1 }],
            strategy,
            ...changes,
          },
        ],
        (clock += 1000),
      );
      return outcome!.reserved ? outcome!.agentId : 'queued';
    });

  beforeEach(() => {
    directory = new AgentDirectory();
    clock = at(100).getTime();
  });

  it('reads an empty or unknown strategy as most_skilled', () => {
    assert.equal(strategyOf(''), 'most_skilled');
    assert.equal(strategyOf(undefined), 'most_skilled');
    assert.equal(strategyOf('by_mood'), 'most_skilled');
    assert.equal(strategyOf('round_robin'), 'round_robin');
  });

  it('most_skilled gives each conversation to the most proficient free agent', () => {
    directory.apply(skilled('junior', 2));
    directory.apply(skilled('expert', 5, { capacity: 2 }));
    assert.deepEqual(place('most_skilled', ['c1', 'c2', 'c3']), ['expert', 'expert', 'junior']);
    assert.deepEqual(place('', ['c4']), ['junior'], 'the default');
  });

  it('longest_idle prefers agents with no conversation, the longest idle first, then the least recently assigned', () => {
    directory.apply(skilled('came-online-last', 5, { statusChangedAt: at(30) }));
    directory.apply(skilled('came-online-first', 1, { statusChangedAt: at(10) }));
    directory.apply(skilled('busy-since-long', 5, { statusChangedAt: at(0) }));
    directory.reserve('acme', 'busy-since-long', 'held', at(5).getTime());
    directory.apply(skilled('freed-lately', 5, { statusChangedAt: at(0) }));
    directory.reserve('acme', 'freed-lately', 'short', at(1).getTime());
    directory.release('acme', 'short', at(20).getTime());

    assert.deepEqual(place('longest_idle', ['c1', 'c2', 'c3', 'c4', 'c5']), [
      'came-online-first',
      'freed-lately',
      'came-online-last',
      'busy-since-long',
      'came-online-first',
    ]);
  });

  it('least_loaded takes the lowest share of capacity in use, then the most proficient', () => {
    directory.apply(skilled('big', 2, { capacity: 4 }));
    directory.apply(skilled('small', 5, { capacity: 2 }));
    directory.reserve('acme', 'small', 'held', 1);
    // big is at 0/4, small at 1/2; then big 1/4 < 1/2; then big 2/4 = 1/2, small more proficient.
    assert.deepEqual(place('least_loaded', ['c1', 'c2', 'c3', 'c4']), [
      'big',
      'big',
      'small',
      'big',
    ]);
  });

  it('round_robin goes round the agents who fit, least recently assigned first, ties by id', () => {
    directory.apply(skilled('cy', 5));
    directory.apply(skilled('ana', 1));
    directory.apply(skilled('bo', 3));
    assert.deepEqual(place('round_robin', ['c1', 'c2', 'c3', 'c4', 'c5']), [
      'ana',
      'bo',
      'cy',
      'ana',
      'bo',
    ]);
  });

  it('preferred_agent takes the preferred agent when free, else falls back on most_skilled', () => {
    directory.apply(skilled('expert', 5));
    directory.apply(skilled('usual', 2, { capacity: 1 }));
    const preferUsual = { preferredAgentId: 'usual' };
    assert.deepEqual(place('preferred_agent', ['c1', 'c2'], preferUsual), ['usual', 'expert']);
    assert.deepEqual(
      place('preferred_agent', ['c3'], { preferredAgentId: 'stranger' }),
      ['expert'],
      'an unknown preferred agent does not stop the placement',
    );
  });

  it('preferred_agent with preferred_only waits for the preferred agent, and never takes one who does not fit', () => {
    directory.apply(skilled('expert', 5));
    directory.apply(skilled('usual', 2, { capacity: 1 }));
    directory.apply(skilled('spanish', 5, { languages: ['es'] }));
    const onlyUsual = { preferredAgentId: 'usual', preferredOnly: true };
    assert.deepEqual(place('preferred_agent', ['c1', 'c2'], onlyUsual), ['usual', 'queued']);
    const [waiting] = directory.placeBest(
      'acme',
      [
        {
          conversationId: 'c3',
          language: 'en',
          skills: [],
          strategy: 'preferred_agent',
          ...onlyUsual,
        },
      ],
      clock,
    );
    assert.deepEqual(
      [waiting!.reserved, waiting!.matchingAgents],
      [false, 2],
      'it says who fits, to explain the wait',
    );
    assert.deepEqual(
      place('preferred_agent', ['c4'], { preferredAgentId: 'spanish', preferredOnly: true }),
      ['queued'],
    );
    assert.deepEqual(
      place('preferred_agent', ['c5'], {
        ...onlyUsual,
        preferredAgentId: 'expert',
        excludeAgentIds: ['expert'],
      }),
      ['queued'],
      'not an agent who declined it',
    );
    directory.release('acme', 'c1');
    assert.deepEqual(place('preferred_agent', ['c2'], onlyUsual), ['usual']);
  });
});
