import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Topics, type AgentStatusChanged } from '@handoff/contracts';
import { RoutingPlatform } from './support/routing-platform.js';
import { uniqueRunId } from './support/test-infra.js';
import type { TopicProbe } from './support/topic-probe.js';

const runId = uniqueRunId('strategies');
/** A fresh routing group first replays the queue topic of every earlier run on the broker. */
const replayAllowanceMs = 90_000;
const tenantId = `acme-${runId}`;

/** One queue per scenario, entered by the escalation's topic and asking for that skill. */
const queue = (name: string, settings: Record<string, unknown> = {}) => ({
  name,
  match: { topics: [name] },
  skills: [{ name, minProficiency: 1 }],
  ...settings,
});
const queueFile = {
  tenants: {
    [tenantId]: {
      queues: [
        queue('rotation', { strategy: 'round_robin' }),
        queue('load', { strategy: 'least_loaded' }),
        queue('idle', { strategy: 'longest_idle' }),
        queue('skilled', { strategy: 'most_skilled' }),
        queue('returning', { strategy: 'preferred_agent', preferredAgentSeconds: 2 }),
        queue('gold', { teams: ['gold'] }),
        queue('mail', { match: { topics: ['mail'], channels: ['email'] }, channel: 'email' }),
      ],
    },
  },
};

describe('strategies: which agent gets each conversation, and why, over the real broker, store and gRPC', () => {
  const platform = new RoutingPlatform(runId, queueFile, [Topics.RoutingDecisions]);
  let probe: TopicProbe;
  let conversations = 0;

  before(async () => {
    await platform.start();
    probe = platform.probe;
  });

  after(() => platform.stop());

  /** Brings an agent online with one skill and waits until presence knows them. */
  async function agent(
    agentId: string,
    skill: string,
    proficiency: number,
    extra: Partial<AgentStatusChanged> = {},
  ): Promise<void> {
    await probe.publish('handoff.agent.status.changed', {
      agentId,
      tenantId,
      displayName: agentId,
      status: 'online',
      skills: [{ name: skill, proficiency }],
      languages: ['en'],
      capacity: 1,
      ...extra,
    });
    await platform.untilPresenceShows(tenantId, agentId);
  }

  /** Escalates a conversation on the topic and returns the agent it was assigned to. */
  async function assignedFor(
    topic: string,
    options: { channel?: string; lastAgent?: string } = {},
  ): Promise<{ agentId: string; conversationId: string; waitedMs: number; strategy: string }> {
    const conversationId = `${tenantId}-${topic}-${++conversations}`;
    const requestedAt = Date.now();
    await platform.escalate(tenantId, conversationId, {
      requestedAt,
      ...(options.channel ? { channel: options.channel } : {}),
      variables: { topic, ...(options.lastAgent ? { last_agent_id: options.lastAgent } : {}) },
    });
    const decided = await probe.waitFor(
      `assigned for ${conversationId}`,
      (record) => {
        const data = record.json?.['data'];
        return (
          record.topic === Topics.RoutingDecisions &&
          data?.conversationId === conversationId &&
          data?.outcome === 'assigned'
        );
      },
      replayAllowanceMs,
    );
    const data = decided.json!['data'];
    return {
      agentId: data.agent.agentId,
      strategy: data.routedBy.strategy,
      conversationId,
      waitedMs: Date.parse(data.decidedAt) - requestedAt,
    };
  }

  const close = (conversationId: string) => platform.close(tenantId, conversationId);

  it('round robin: each conversation goes to the agent assigned least recently, whatever their skill', async () => {
    await agent('rr-1', 'rotation', 5, { capacity: 3 });
    await agent('rr-2', 'rotation', 3, { capacity: 3 });
    await agent('rr-3', 'rotation', 1, { capacity: 3 });
    const decided = [];
    for (let index = 0; index < 4; index++) decided.push(await assignedFor('rotation'));
    assert.deepEqual(
      decided.map(({ agentId }) => agentId),
      ['rr-1', 'rr-2', 'rr-3', 'rr-1'],
    );
    assert.ok(
      decided.every(({ strategy }) => strategy === 'round_robin'),
      'each says why',
    );
  });

  it('most skilled: the most proficient agent while they have room', async () => {
    await agent('ms-1', 'skilled', 2, { capacity: 2 });
    await agent('ms-2', 'skilled', 5, { capacity: 2 });
    const order: string[] = [];
    for (let index = 0; index < 3; index++) order.push((await assignedFor('skilled')).agentId);
    assert.deepEqual(order, ['ms-2', 'ms-2', 'ms-1']);
  });

  it('least loaded: the lowest share of capacity in use, then the most proficient', async () => {
    await agent('ll-1', 'load', 5, { capacity: 4 });
    await agent('ll-2', 'load', 1, { capacity: 1 });
    const order: string[] = [];
    for (let index = 0; index < 3; index++) order.push((await assignedFor('load')).agentId);
    assert.deepEqual(order, ['ll-1', 'll-2', 'll-1'], '0/4 and 0/1 tie, then 1/4 beats 1/1');
  });

  it('longest idle: the agent free the longest, counting from their last conversation', async () => {
    await agent('li-1', 'idle', 1, { capacity: 2 });
    await agent('li-2', 'idle', 5, { capacity: 2 });
    const first = await assignedFor('idle');
    assert.equal(first.agentId, 'li-1', 'online first, so idle longest');
    await close(first.conversationId);
    await platform.untilPresenceShows(tenantId, 'li-1', (known) => known['activeChats'] === 0);
    assert.equal((await assignedFor('idle')).agentId, 'li-2', 'li-1 just finished a conversation');
  });

  it("preferred agent: the customer's last agent when free, anyone once the preferred wait is over", async () => {
    await agent('pa-1', 'returning', 1);
    await agent('pa-2', 'returning', 5);
    const direct = await assignedFor('returning', { lastAgent: 'pa-1' });
    assert.equal(direct.agentId, 'pa-1', 'free, so taken before the more skilled');
    const fallback = await assignedFor('returning', { lastAgent: 'pa-1' });
    assert.equal(fallback.agentId, 'pa-2', 'pa-1 is full: after the wait, someone else');
    assert.ok(fallback.waitedMs >= 1_900, `waited for pa-1 first (${fallback.waitedMs} ms)`);
  });

  it('teams: only members of the queue teams, even when an outsider is more skilled', async () => {
    await agent('tm-silver', 'gold', 5, { teams: ['silver'] });
    await agent('tm-gold', 'gold', 1, { teams: ['gold', 'emea'] });
    assert.equal((await assignedFor('gold')).agentId, 'tm-gold');
  });

  it('channels: an email conversation takes an email slot, from agents who take email', async () => {
    await agent('ch-chat', 'mail', 5, { channels: [{ name: 'chat', capacity: 3 }] });
    await agent('ch-mail', 'mail', 1, {
      channels: [
        { name: 'chat', capacity: 1 },
        { name: 'email', capacity: 2 },
      ],
    });
    const order: string[] = [];
    for (let index = 0; index < 2; index++)
      order.push((await assignedFor('mail', { channel: 'email' })).agentId);
    assert.deepEqual(order, ['ch-mail', 'ch-mail'], 'two email slots, chat capacity untouched');
  });
});
