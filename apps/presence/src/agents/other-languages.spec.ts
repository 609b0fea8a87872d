import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { AgentDirectory, type AgentProfile, type Placement } from './agent-directory.js';
import { agent, at } from './agent.fixtures.js';

const speaking = (agentId: string, languages: string[], changes: Partial<AgentProfile> = {}) =>
  agent(agentId, { languages, capacity: 3, ...changes });

describe('other languages in a placement', () => {
  let directory: AgentDirectory;
  let clock: number;

  const placeOne = (changes: Partial<Placement>) =>
    directory.placeBest(
      'acme',
      [{ conversationId: `c${clock}`, language: 'en', skills: [], ...changes }],
      (clock += 1000),
    )[0]!;
  const placedWith = (changes: Partial<Placement>) => {
    const outcome = placeOne(changes);
    return outcome.reserved ? outcome.agentId : 'queued';
  };

  beforeEach(() => {
    directory = new AgentDirectory();
    clock = at(100).getTime();
  });

  it('fits agents of any of the languages, each variant reaching the others, and nobody else', () => {
    directory.apply(speaking('spanish', ['es']));
    directory.apply(speaking('brazilian', ['pt-BR']));
    directory.apply(speaking('german', ['de']));
    assert.equal(placedWith({ language: 'fr' }), 'queued', 'french alone');
    assert.equal(placedWith({ language: 'fr', otherLanguages: ['es'] }), 'spanish');
    assert.equal(
      placedWith({ language: 'fr', otherLanguages: ['de-AT'], strategy: 'round_robin' }),
      'german',
    );
    assert.equal(placedWith({ language: 'fr', otherLanguages: ['pt'] }), 'brazilian');
    const outcome = placeOne({ language: 'it', otherLanguages: ['es', 'pt-PT', 'de'] });
    assert.equal(outcome.matchingAgents, 3);
  });

  it('counts and ranks an agent who speaks several of the languages once', () => {
    directory.apply(speaking('polyglot', ['es', 'fr', 'en'], { capacity: 1 }));
    const found = directory.find({
      tenantId: 'acme',
      language: 'en',
      otherLanguages: ['fr', 'es', 'en-GB', 'es-MX'],
      skills: [],
      limit: 10,
    });
    assert.deepEqual(
      [found.matchingAgents, found.candidates.map(({ agentId }) => agentId)],
      [1, ['polyglot']],
    );
  });

  it('takes an agent of the language asked for first when the strategy finds them equal, each strategy', () => {
    // Never assigned, equally proficient, loaded and idle: only the language tells them apart,
    // and the id would otherwise pick "a-spanish".
    const equals = { statusChangedAt: at(0) };
    for (const strategy of ['most_skilled', 'longest_idle', 'least_loaded', 'round_robin']) {
      const fresh = new AgentDirectory();
      fresh.apply(speaking('a-spanish', ['es'], equals));
      fresh.apply(speaking('b-english', ['en'], equals));
      const [outcome] = fresh.placeBest(
        'acme',
        [{ conversationId: 'c', language: 'en', otherLanguages: ['es'], skills: [], strategy }],
        clock,
      );
      assert.equal(outcome!.agentId, 'b-english', strategy);
    }
  });

  it("still lets the strategy's own keys decide before the language", () => {
    const billing = (proficiency: number) => [{ name: 'billing', proficiency }];
    directory.apply(speaking('english', ['en'], { skills: billing(2) }));
    directory.apply(speaking('spanish', ['es'], { skills: billing(5) }));
    const relaxed = { otherLanguages: ['es'], skills: [{ name: 'billing', minProficiency: 1 }] };
    assert.equal(placedWith({ ...relaxed, strategy: 'most_skilled' }), 'spanish');
    // The least loaded (english, 0 of 3), then at equal load the most proficient (spanish); then
    // round_robin takes the least recently assigned (english).
    assert.equal(placedWith({ ...relaxed, strategy: 'least_loaded' }), 'english');
    assert.equal(placedWith({ ...relaxed, strategy: 'least_loaded' }), 'spanish');
    assert.equal(placedWith({ ...relaxed, strategy: 'round_robin' }), 'english');
    assert.equal(
      placedWith({ ...relaxed, strategy: 'preferred_agent', preferredAgentId: 'spanish' }),
      'spanish',
      'a preferred agent of another language fits',
    );
  });

  it('searches 10,000 agents of 20 languages in well under a millisecond', () => {
    const languages = Array.from({ length: 20 }, (_, index) => `l${index}`);
    for (let index = 0; index < 10_000; index++)
      directory.apply(
        agent(`agent-${index}`, {
          languages: [languages[index % 20]!, languages[Math.floor(index / 20) % 20]!],
          skills: [{ name: `skill-${Math.floor(index / 3) % 100}`, proficiency: 1 + (index % 5) }],
          capacity: 1 + (index % 5),
        }),
      );
    const query = {
      tenantId: 'acme',
      language: 'l3',
      otherLanguages: ['l5', 'l11'],
      skills: [{ name: 'skill-7', minProficiency: 1 }],
      limit: 1,
    };
    const rounds = 2_000;
    for (let round = 0; round < 100; round++) directory.find(query);
    const started = performance.now();
    let matching = 0;
    for (let round = 0; round < rounds; round++) matching = directory.find(query).matchingAgents;
    const perSearchMs = (performance.now() - started) / rounds;
    assert.ok(matching > 0, 'agents of the three languages with the skill');
    assert.ok(perSearchMs < 0.5, `${perSearchMs.toFixed(4)} ms per search`);
  });
});
