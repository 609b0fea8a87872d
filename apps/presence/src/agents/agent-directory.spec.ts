import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AgentDirectory } from './agent-directory.js';
import { agent, at } from './agent.fixtures.js';

const billing = (minProficiency = 1) => [{ name: 'billing', minProficiency }];

describe('AgentDirectory', () => {
  let directory: AgentDirectory;

  beforeEach(() => {
    directory = new AgentDirectory();
  });

  describe('find', () => {
    it("returns only the tenant's online agents who speak the language and hold every skill, with a free slot", () => {
      directory.apply(agent('fits'));
      directory.apply(agent('away', { status: 'away' }));
      directory.apply(agent('spanish', { languages: ['es'] }));
      directory.apply(agent('weak', { skills: [{ name: 'billing', proficiency: 1 }] }));
      directory.apply(agent('other-tenant', { tenantId: 'globex' }));
      directory.apply(agent('full', { capacity: 1 }));
      directory.reserve('acme', 'full', 'conv-full', 1);

      const found = directory.find({
        tenantId: 'acme',
        language: 'en',
        skills: billing(2),
        limit: 10,
      });

      assert.deepEqual(
        found.candidates.map((candidate) => candidate.agentId),
        ['fits'],
      );
      assert.equal(
        found.onlineAgents,
        4,
        'online agents of the tenant, whatever they speak or know',
      );
      assert.equal(found.matchingAgents, 2, 'matching agents, free or not');
    });

    it('ranks by proficiency, then share of capacity in use, then longest idle, then id; and keeps to the limit', () => {
      directory.apply(
        agent('expert', { skills: [{ name: 'billing', proficiency: 5 }], capacity: 4 }),
      );
      directory.apply(
        agent('busy-expert', { skills: [{ name: 'billing', proficiency: 5 }], capacity: 4 }),
      );
      directory.reserve('acme', 'busy-expert', 'c1', 10);
      directory.apply(agent('b-idle', { capacity: 2 }));
      directory.apply(agent('a-idle', { capacity: 2 }));
      directory.apply(agent('recent', { capacity: 4 }));
      directory.reserve('acme', 'recent', 'c2', 50);
      directory.release('acme', 'c2');

      const ranked = directory.find({
        tenantId: 'acme',
        language: 'en',
        skills: billing(),
        limit: 10,
      }).candidates;
      assert.deepEqual(
        ranked.map((candidate) => candidate.agentId),
        ['expert', 'busy-expert', 'a-idle', 'b-idle', 'recent'],
      );
      assert.deepEqual(
        directory
          .find({ tenantId: 'acme', language: 'en', skills: billing(), limit: 2 })
          .candidates.map((candidate) => candidate.agentId),
        ['expert', 'busy-expert'],
      );
      const [best] = ranked;
      assert.deepEqual(best, {
        agentId: 'expert',
        displayName: 'Agent expert',
        proficiency: 5,
        activeChats: 0,
        capacity: 4,
        lastAssignedAtMs: '0',
      });
    });

    it('matches any agent when no skill is required', () => {
      directory.apply(agent('no-skills', { skills: [] }));
      assert.equal(
        directory.find({ tenantId: 'acme', language: 'en', skills: [], limit: 5 }).candidates
          .length,
        1,
      );
    });
  });

  describe('languages', () => {
    const speakers = (language: string) =>
      directory
        .find({ tenantId: 'acme', language, skills: [], limit: 10 })
        .candidates.map((candidate) => candidate.agentId);

    it('matches any variant of the language asked for, the exact variant first', () => {
      directory.apply(agent('a-portugal', { languages: ['pt-PT'] }));
      directory.apply(agent('b-portuguese', { languages: ['pt'] }));
      directory.apply(agent('c-brazil', { languages: ['en', 'pt-BR'] }));
      directory.apply(agent('d-english', { languages: ['en'] }));

      assert.deepEqual(speakers('pt-BR'), ['c-brazil', 'a-portugal', 'b-portuguese']);
      assert.deepEqual(speakers('pt'), ['b-portuguese', 'a-portugal', 'c-brazil']);
      assert.deepEqual(speakers('es'), []);
    });
  });

  describe('search index', () => {
    it('follows every change of skills, languages and status, and counts who is online', () => {
      const find = (language: string, skill?: string) =>
        directory.find({
          tenantId: 'acme',
          language,
          skills: skill ? [{ name: skill, minProficiency: 1 }] : [],
          limit: 10,
        });
      directory.apply(agent('ana', { statusChangedAt: at(1) }));
      directory.apply(agent('bo', { languages: ['es'], statusChangedAt: at(1) }));
      assert.deepEqual(
        find('en', 'billing').candidates.map((c) => c.agentId),
        ['ana'],
      );

      directory.apply(
        agent('ana', {
          skills: [{ name: 'refunds', proficiency: 2 }],
          languages: ['de'],
          statusChangedAt: at(2),
        }),
      );
      assert.deepEqual(find('en', 'billing').candidates, []);
      assert.deepEqual(
        find('de', 'refunds').candidates.map((c) => c.agentId),
        ['ana'],
      );
      assert.equal(find('de', 'refunds').onlineAgents, 2);

      directory.apply(
        agent('ana', {
          status: 'offline',
          skills: [{ name: 'refunds', proficiency: 2 }],
          languages: ['de'],
          statusChangedAt: at(3),
        }),
      );
      assert.deepEqual(find('de', 'refunds').candidates, []);
      assert.equal(find('de', 'refunds').onlineAgents, 1);
      assert.equal(find('es').candidates[0]?.agentId, 'bo');
      assert.deepEqual(find('es', 'unknown-skill').candidates, []);
    });
  });

  describe('placeBest', () => {
    it('places conversations in the order given, each with the best free agent, in one step', () => {
      directory.apply(
        agent('expert', { skills: [{ name: 'billing', proficiency: 5 }], capacity: 1 }),
      );
      directory.apply(
        agent('junior', { skills: [{ name: 'billing', proficiency: 2 }], capacity: 1 }),
      );
      const placement = (conversationId: string, minProficiency = 1) => ({
        conversationId,
        language: 'en',
        skills: billing(minProficiency),
      });

      const placed = directory.placeBest(
        'acme',
        [placement('first'), placement('second'), placement('third'), placement('picky', 4)],
        7,
      );

      assert.deepEqual(
        placed.map((outcome) => (outcome.reserved ? outcome.agentId : 'queued')),
        ['expert', 'junior', 'queued', 'queued'],
      );
      assert.deepEqual(
        [placed[2]!.onlineAgents, placed[2]!.matchingAgents],
        [2, 2],
        'why the third waits: two online who fit, none free',
      );
      assert.equal(directory.holderOf('acme', 'first')?.agentId, 'expert');
      assert.equal(directory.get('acme', 'expert')!.lastAssignedAt, 7);
      assert.deepEqual(
        directory.placeBest('acme', [placement('first')], 9).map((outcome) => outcome.agentId),
        ['expert'],
        'asked again, a conversation keeps the slot it holds',
      );
      directory.release('acme', 'first');
      const declinedByExpert = { ...placement('again'), excludeAgentIds: ['expert'] };
      assert.deepEqual(
        directory.placeBest('acme', [declinedByExpert], 10).map((outcome) => outcome.reserved),
        [false],
        'never back to an agent who declined it, even the only free one',
      );
    });
  });

  describe('reserve and release', () => {
    it('takes one slot per conversation, however often it asks, and names the holder', () => {
      directory.apply(agent('ana'));
      const first = directory.reserve('acme', 'ana', 'conv-1', 100);
      const again = directory.reserve('acme', 'ana', 'conv-1', 101);
      const elsewhere = directory.reserve('acme', 'other-agent', 'conv-1', 102);

      assert.deepEqual(first, {
        reserved: true,
        agentId: 'ana',
        displayName: 'Agent ana',
        activeChats: 1,
      });
      assert.deepEqual(again, first);
      assert.deepEqual(elsewhere, first, 'the slot it holds, not a second one');
      assert.equal(directory.get('acme', 'ana')!.conversations.size, 1);
      assert.equal(directory.get('acme', 'ana')!.lastAssignedAt, 100);
    });

    it('refuses agents who are away, full, unknown or of another tenant', () => {
      directory.apply(agent('away', { status: 'away' }));
      directory.apply(agent('single', { capacity: 1 }));
      directory.reserve('acme', 'single', 'taken', 1);
      const refused = (agentId: string) => ({
        reserved: false,
        agentId,
        displayName: '',
        activeChats: 0,
      });

      assert.deepEqual(directory.reserve('acme', 'away', 'c1', 1), refused('away'));
      assert.deepEqual(directory.reserve('acme', 'single', 'c2', 1), refused('single'));
      assert.deepEqual(directory.reserve('acme', 'ghost', 'c3', 1), refused('ghost'));
      assert.deepEqual(directory.reserve('globex', 'single', 'c4', 1), refused('single'));
    });

    it('gives a slot back once, only to the tenant that holds it', () => {
      directory.apply(agent('ana'));
      directory.reserve('acme', 'ana', 'conv-1', 1);

      assert.equal(directory.release('globex', 'conv-1'), undefined);
      assert.equal(directory.release('acme', 'conv-1')?.agentId, 'ana');
      assert.equal(directory.release('acme', 'conv-1'), undefined);
      assert.equal(directory.get('acme', 'ana')!.conversations.size, 0);
      assert.equal(directory.holderOf('acme', 'conv-1'), undefined);
    });

    it('keeps restored reservations past a lowered capacity, and takes no new one until enough end', () => {
      directory.apply(agent('ana', { capacity: 1 }));
      directory.restore('acme', 'ana', 'old-1', 5);
      directory.restore('acme', 'ana', 'old-2', 6);
      directory.restore('acme', 'nobody', 'old-3', 7);

      assert.equal(directory.get('acme', 'ana')!.conversations.size, 2);
      assert.equal(directory.holderOf('acme', 'old-3'), undefined);
      assert.equal(directory.reserve('acme', 'ana', 'new', 8).reserved, false);
      directory.release('acme', 'old-1');
      assert.equal(directory.reserve('acme', 'ana', 'new', 8).reserved, false, 'still at capacity');
      directory.release('acme', 'old-2');
      assert.equal(directory.reserve('acme', 'ana', 'new', 8).reserved, true);
    });
  });

  describe('close', () => {
    it('gives the slot back and takes none again for that conversation, remembering a bounded number', () => {
      directory = new AgentDirectory(2);
      directory.apply(agent('ana', { capacity: 3 }));
      directory.reserve('acme', 'ana', 'done', 1);

      assert.equal(directory.close('acme', 'done')?.agentId, 'ana');
      assert.equal(directory.reserve('acme', 'ana', 'done', 2).reserved, false);
      const placement = { conversationId: 'done', language: 'en', skills: [] };
      assert.equal(directory.placeBest('acme', [placement], 3)[0]!.reserved, false);
      assert.equal(
        directory.reserve('globex', 'ana', 'done', 2).reserved,
        false,
        'no such agent there',
      );

      directory.close('acme', 'later-1');
      directory.close('acme', 'later-2');
      assert.equal(directory.isClosed('acme', 'done'), false, 'the oldest is forgotten');
      assert.equal(directory.isClosed('acme', 'later-2'), true);
    });
  });

  describe('apply', () => {
    it('keeps the chats in progress across a status change, and ignores a change older than the one it knows', () => {
      directory.apply(agent('ana', { statusChangedAt: at(10) }));
      directory.reserve('acme', 'ana', 'conv-1', 1);
      assert.equal(
        directory.apply(agent('ana', { capacity: 5, statusChangedAt: at(20) })).applied,
        true,
      );
      assert.equal(directory.get('acme', 'ana')!.conversations.size, 1);
      assert.equal(directory.get('acme', 'ana')!.capacity, 5);

      const late = directory.apply(agent('ana', { status: 'offline', statusChangedAt: at(15) }));
      assert.equal(late.applied, false);
      assert.equal(directory.get('acme', 'ana')!.status, 'online');
    });

    it('keeps two tenants apart when they use the same agent and conversation ids', () => {
      directory.apply(agent('ana', { capacity: 1 }));
      directory.apply(
        agent('ana', { tenantId: 'globex', capacity: 1, displayName: 'Ana of Globex' }),
      );

      assert.equal(directory.reserve('acme', 'ana', 'conv-1', 1).reserved, true);
      const globex = directory.reserve('globex', 'ana', 'conv-1', 2);
      assert.deepEqual(globex, {
        reserved: true,
        agentId: 'ana',
        displayName: 'Ana of Globex',
        activeChats: 1,
      });
      assert.equal(directory.get('acme', 'ana')!.capacity, 1);
      assert.equal(directory.release('globex', 'conv-1')?.displayName, 'Ana of Globex');
      assert.equal(directory.holderOf('acme', 'conv-1')?.displayName, 'Agent ana');
    });
  });
});
