import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Topics } from '@handoff/contracts';
import { DeskSimulator } from './faults/desk-simulator.js';
import { freePorts } from './faults/fault-harness.js';
import { startNewGroupsAtEnd } from './support/new-groups-at-end.js';
import { groupIdOf, startService, type RunningService } from './support/platform.js';
import { testInfra, uniqueRunId } from './support/test-infra.js';
import { pollUntil, TopicProbe, type ProbedRecord } from './support/topic-probe.js';
import { readAgent } from './support/agent-reads.js';

const runId = uniqueRunId('offers');
const tenantId = `acme-${runId}`;
const offerTimeoutMs = 5_000;

describe('offers: an agent accepts, declines or lets an offer run out', () => {
  const { brokers, mongoUrl } = testInfra();
  let probe: TopicProbe;
  let desk: DeskSimulator;
  const services: RunningService[] = [];

  before(async () => {
    const [grpcPort, presencePort, routingPort] = await freePorts(3);
    const base = { runId, brokers, mongoUrl, grpcPort: grpcPort! };
    const env = {
      ROUTING_OFFER_TIMEOUT_MS: String(offerTimeoutMs),
      PRESENCE_HEARTBEAT_GRACE_MS: '1000',
      PRESENCE_MAX_MISSED_OFFERS: '1',
    };
    await startNewGroupsAtEnd(brokers, [groupIdOf('presence', runId), groupIdOf('routing', runId)]);
    services.push(startService('presence', { ...base, httpPort: presencePort!, env }));
    services.push(startService('routing', { ...base, httpPort: routingPort!, env }));
    await Promise.all(services.map((service) => service.waitUntilReady()));
    probe = new TopicProbe(brokers, `${runId}-probe`);
    await probe.start([Topics.RoutingDecisions, Topics.AgentCommandResults]);
    desk = new DeskSimulator(probe, services[0]!.url, 1);
    await desk.agentOnline(tenantId, 'agent-0');
    await desk.agentOnline(tenantId, 'agent-1');
    await desk.untilPresenceKnowsEveryAgent();
  });

  after(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await probe?.stop();
  });

  const decision = (conversationId: string, outcome: string, agentId?: string) =>
    probe.waitFor(`${outcome} for ${conversationId}${agentId ? ` (${agentId})` : ''}`, (r) => {
      const data = r.json?.['data'];
      return (
        r.topic === Topics.RoutingDecisions &&
        data?.conversationId === conversationId &&
        data?.outcome === outcome &&
        (agentId === undefined || data?.agent?.agentId === agentId)
      );
    });
  const resultOf = (commandId: string) =>
    probe.waitFor(`result of ${commandId}`, (r) => r.json?.['data']?.commandId === commandId);

  async function answer(
    kind: 'accept' | 'decline',
    offered: ProbedRecord,
    commandId: string,
  ): Promise<Record<string, any>> {
    const { conversationId, agent, offer } = offered.json!['data'];
    await probe.publish(
      kind === 'accept' ? 'handoff.agent.offer.accept' : 'handoff.agent.offer.decline',
      {
        commandId,
        tenantId,
        agentId: agent.agentId,
        conversationId,
        offerId: offer.offerId,
        requestedAt: new Date().toISOString(),
      },
    );
    return (await resultOf(commandId)).json!['data'];
  }

  it('reroutes a declined offer to the other agent, and one that runs out to nobody who had it', async () => {
    const conversationId = `${tenantId}-declined`;
    await desk.escalate({ tenantId, conversationId });
    const first = await decision(conversationId, 'offered', 'agent-0');
    assert.ok(Date.parse(first.json!['data'].offer.expiresAt) > Date.now());

    assert.equal((await answer('decline', first, `${runId}-decline`)).status, 'done');
    const rerouted = await decision(conversationId, 'rerouted', 'agent-0');
    assert.equal(rerouted.json!['data'].offer.endedBy, 'declined');
    await decision(conversationId, 'offered', 'agent-1');

    // agent-1 lets it run out: nobody is left who has not had it, so it waits.
    const expired = await decision(conversationId, 'rerouted', 'agent-1');
    assert.equal(expired.json!['data'].offer.endedBy, 'expired');
    const waiting = await decision(conversationId, 'queued');
    assert.equal(waiting.json!['data'].queue.position, 1);
    // One offer missed is this tenant's limit: agent-1 is set away until they come back.
    await pollUntil('agent-1 set away for the missed offer', async () => {
      const agent = (await (
        await readAgent(services[0]!.url, tenantId, 'agent-1')
      ).json()) as Record<string, unknown>;
      return agent['status'] === 'away' && agent['reason'] === 'missed_offers' ? true : undefined;
    });
    // The customer gives up: the conversation leaves the queue.
    await probe.publish('handoff.conversation.closed', {
      conversationId,
      tenantId,
      reason: 'customer_left',
      closedAt: new Date().toISOString(),
    });
    await decision(conversationId, 'abandoned');
  });

  async function offersListed(agentId: string, tenant = tenantId): Promise<any[]> {
    const commandId = `${runId}-list-${tenant}-${agentId}-${probe.records.length}`;
    await probe.publish('handoff.agent.offers.list', {
      commandId,
      tenantId: tenant,
      agentId,
      requestedAt: new Date().toISOString(),
    });
    const result = (await resultOf(commandId)).json!['data'];
    assert.equal(result.status, 'done');
    return result.offers;
  }

  it('lists an offer to its agent alone, assigns on accept, and refuses an answer to an offer that is over', async () => {
    const conversationId = `${tenantId}-accepted`;
    await desk.escalate({ tenantId, conversationId });
    const offered = await decision(conversationId, 'offered', 'agent-0');
    const { offerId, expiresAt } = offered.json!['data'].offer;
    const listed = await offersListed('agent-0');
    assert.deepEqual(
      listed.map((offer) => [offer.offerId, offer.conversationId, offer.expiresAt]),
      [[offerId, conversationId, expiresAt]],
    );
    assert.deepEqual(await offersListed('agent-1'), [], "another agent's offer is not theirs");
    assert.deepEqual(
      await offersListed('agent-0', `globex-${runId}`),
      [],
      'the same agent id in another tenant sees nothing',
    );

    assert.equal((await answer('accept', offered, `${runId}-accept`)).status, 'done');
    const assigned = await decision(conversationId, 'assigned', 'agent-0');
    assert.equal(assigned.json!['data'].escalationId, `esc:${conversationId}`);
    assert.deepEqual(await offersListed('agent-0'), [], 'an accepted offer is no longer listed');

    const late = await answer('accept', offered, `${runId}-accept-again`);
    assert.equal(late.status, 'refused');
    assert.match(late.reason, /no such offer/);
  });

  it('takes an agent whose desk stopped sending heartbeats offline, and gives their offer to someone else', async () => {
    // Only this agent knows the topic, so the conversation is offered to them.
    await probe.publish('handoff.agent.status.changed', {
      agentId: 'agent-heartbeat',
      tenantId,
      displayName: 'Hana',
      status: 'online',
      skills: [{ name: 'warranty', proficiency: 3 }],
      languages: ['en'],
      capacity: 1,
    });
    // The desk beats until the offer arrives, then falls silent (the browser tab was closed).
    let beating = true;
    const beats = (async () => {
      while (beating) {
        await probe.publish('handoff.agent.heartbeat', {
          tenantId,
          agentId: 'agent-heartbeat',
          sentAt: new Date().toISOString(),
        });
        await sleep(250);
      }
    })();
    const conversationId = `${tenantId}-heartbeat`;
    await desk.escalate({ tenantId, conversationId }, { topic: 'warranty' });
    await decision(conversationId, 'offered', 'agent-heartbeat').finally(() => (beating = false));
    await beats;

    const rerouted = await decision(conversationId, 'rerouted', 'agent-heartbeat');
    assert.equal(rerouted.json!['data'].offer.endedBy, 'agent_unavailable');
    // Someone else who knows the topic comes online: the conversation is offered to them.
    await probe.publish('handoff.agent.status.changed', {
      agentId: 'agent-backup',
      tenantId,
      displayName: 'Bea',
      status: 'online',
      skills: [{ name: 'warranty', proficiency: 2 }],
      languages: ['en'],
      capacity: 1,
    });
    await decision(conversationId, 'offered', 'agent-backup');
    const agent = (await (
      await readAgent(services[0]!.url, tenantId, 'agent-heartbeat')
    ).json()) as Record<string, unknown>;
    const history = probe.records
      .filter((r) => r.json?.['data']?.conversationId === conversationId)
      .map(
        (r) =>
          `${r.json!['data'].outcome}:${r.json!['data'].agent?.agentId}:${r.json!['data'].offer?.endedBy}`,
      );
    assert.deepEqual(
      [agent['status'], agent['reason'], agent['activeChats']],
      ['offline', 'heartbeat_lost', 0],
      history.join(', '),
    );
  });
});
