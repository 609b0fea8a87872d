import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AgentDirectory, type Placement } from './agent-directory.js';
import { agent } from './agent.fixtures.js';
import { AgentStatusController } from './agent-status.controller.js';
import type { AgentsService } from './agents.service.js';

const omnichannel = [
  { name: 'chat', capacity: 1 },
  { name: 'email', capacity: 2 },
];

describe('channels and teams', () => {
  let directory: AgentDirectory;
  const place = (conversationId: string, changes: Partial<Placement> = {}) => {
    const [outcome] = directory.placeBest(
      'acme',
      [{ conversationId, language: 'en', skills: [], ...changes }],
      1,
    );
    return outcome!.reserved ? outcome!.agentId : 'queued';
  };

  beforeEach(() => {
    directory = new AgentDirectory();
  });

  it('reads capacity as the chat capacity when the agent lists no channels', () => {
    directory.apply(agent('ana', { capacity: 1 }));
    assert.equal(place('c1', { channel: '' }), 'ana');
    assert.equal(place('c2', { channel: 'chat' }), 'queued');
    assert.equal(place('e1', { channel: 'email' }), 'queued', 'no email channel');
    assert.equal(directory.get('acme', 'ana')!.capacityOn('email'), undefined);
  });

  it('takes a slot of the placement channel only, and gives that slot back', () => {
    directory.apply(agent('ana', { capacity: 9, channels: omnichannel }));
    const ana = directory.get('acme', 'ana')!;
    assert.deepEqual(
      ['c1', 'c2'].map((id) => place(id)),
      ['ana', 'queued'],
      'one chat slot, whatever capacity says',
    );
    assert.deepEqual(
      ['e1', 'e2', 'e3'].map((id) => place(id, { channel: 'email' })),
      ['ana', 'ana', 'queued'],
    );
    assert.equal(place('v1', { channel: 'voice' }), 'queued', 'a channel the agent does not take');
    assert.equal(ana.freeSlots, 0, 'free chat slots');
    directory.close('acme', 'e1');
    assert.deepEqual([ana.inUseOn('chat'), ana.inUseOn('email')], [1, 1]);
    assert.equal(place('c3'), 'queued', 'an email slot given back frees no chat slot');
    assert.equal(place('e4', { channel: 'email' }), 'ana');
    assert.equal(directory.channelHeld('acme', 'e4'), 'email');
  });

  it('restores a reservation on its channel', () => {
    directory.apply(agent('ana', { channels: omnichannel }));
    directory.restore('acme', 'ana', 'old-email', 1, 'email');
    directory.restore('acme', 'ana', 'old-chat', 1);
    const ana = directory.get('acme', 'ana')!;
    assert.deepEqual([ana.inUseOn('chat'), ana.inUseOn('email')], [1, 1]);
  });

  it('ranks by the load of the placement channel', () => {
    directory.apply(
      agent('a-chatty', { channels: [...omnichannel, { name: 'voice', capacity: 1 }] }),
    );
    directory.apply(agent('b-quiet', { channels: omnichannel }));
    directory.restore('acme', 'a-chatty', 'chat-held', 0);
    directory.restore('acme', 'b-quiet', 'email-held', 0, 'email');
    assert.equal(place('e1', { channel: 'email', strategy: 'least_loaded' }), 'a-chatty');
    assert.equal(place('c1', { strategy: 'least_loaded' }), 'b-quiet');
  });

  it('restricts a placement with teams to members of any of them', () => {
    directory.apply(agent('ana', { teams: ['billing-emea'] }));
    directory.apply(agent('bo', { teams: ['vip', 'retention'] }));
    directory.apply(agent('cy'));
    assert.equal(place('c1', { teams: ['vip', 'sales'] }), 'bo');
    assert.equal(place('c2', { teams: ['sales'] }), 'queued');
    const [waiting] = directory.placeBest(
      'acme',
      [{ conversationId: 'c3', language: 'en', skills: [], teams: ['sales'] }],
      1,
    );
    assert.equal(waiting!.matchingAgents, 0, 'no one of the team fits');
    assert.deepEqual(
      ['c4', 'c5'].map((id) => place(id, { teams: [] })),
      ['ana', 'cy'],
      'no teams: anyone',
    );
    assert.equal(
      place('c6', {
        teams: ['billing-emea'],
        strategy: 'preferred_agent',
        preferredAgentId: 'bo',
        preferredOnly: true,
      }),
      'queued',
      'a preferred agent outside the teams does not fit either',
    );
  });

  it('shows channels and teams on GET /v1/agents/:agentId', () => {
    directory.apply(agent('ana', { capacity: 4, channels: omnichannel, teams: ['vip'] }));
    directory.reserve('acme', 'ana', 'c1', 1);
    place('e1', { channel: 'email' });
    const controller = new AgentStatusController({ directory } as unknown as AgentsService);
    const view = controller.get('ana', { tenantId: 'acme', subject: 'ana', roles: ['agent'] });
    assert.deepEqual(view.teams, ['vip']);
    assert.deepEqual(view.channels, [
      { name: 'chat', capacity: 1, inUse: 1, freeSlots: 0 },
      { name: 'email', capacity: 2, inUse: 1, freeSlots: 1 },
    ]);
    assert.deepEqual([view.activeChats, view.freeSlots], [1, 0]);
  });
});
