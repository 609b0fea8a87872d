import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Topics } from '@handoff/contracts';
import { freePorts } from './faults/fault-harness.js';
import { startService, type RunningService } from './support/platform.js';
import { untilRoutingCaughtUp } from './support/routing-caught-up.js';
import { testInfra, uniqueRunId } from './support/test-infra.js';
import { pollUntil, TopicProbe, type ProbedRecord } from './support/topic-probe.js';

const runId = uniqueRunId('queues');
const tenantId = `acme-${runId}`;
const closedTenant = `night-${runId}`;

/** The tenants' queues as an operator would write them. */
const queueFile = {
  tenants: {
    [tenantId]: {
      positionUpdateSeconds: 0,
      queues: [
        {
          name: 'billing',
          match: { topics: ['billing'] },
          skills: [{ name: 'billing', minProficiency: 4 }],
          relax: [{ afterSeconds: 2, minProficiency: 2 }],
        },
        {
          name: 'returns',
          match: { topics: ['returns'] },
          maxWaitSeconds: 2,
          afterMaxWait: 'callback',
        },
        { name: 'general', expectedHandleSeconds: 120 },
      ],
    },
    // Never open: every arrival is told to leave a message.
    [closedTenant]: {
      businessHours: { timeZone: 'Europe/Lisbon', weekly: {} },
      queues: [{ name: 'general', whenClosed: 'leave_message' }],
    },
  },
};

describe('queues: configured per tenant, relaxed over time, drained in order, never stuck', () => {
  const { brokers, mongoUrl } = testInfra();
  let probe: TopicProbe;
  const services: RunningService[] = [];
  let strangerDeadLetter: ProbedRecord;

  before(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'handoff-queues-')), 'queues.json');
    writeFileSync(file, JSON.stringify(queueFile));
    const [grpcPort, presencePort, routingPort] = await freePorts(3);
    const base = { runId, brokers, mongoUrl, grpcPort: grpcPort! };
    const env = { ROUTING_QUEUES_FILE: file };
    services.push(startService('presence', { ...base, httpPort: presencePort!, env }));
    services.push(startService('routing', { ...base, httpPort: routingPort!, env }));
    await Promise.all(services.map((service) => service.waitUntilReady()));
    probe = new TopicProbe(brokers, `${runId}-probe`);
    await probe.start([Topics.RoutingDecisions, Topics.DeadLetter, Topics.AgentCommandResults]);
    strangerDeadLetter = await untilRoutingCaughtUp(probe, runId);
  });

  after(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await probe?.stop();
  });

  const agentStatus = async (
    agentId: string,
    skills: { name: string; proficiency: number }[],
    status: 'online' | 'offline' = 'online',
    capacity = 1,
  ) => {
    await probe.publish('handoff.agent.status.changed', {
      agentId,
      tenantId,
      displayName: agentId,
      status,
      skills,
      languages: ['en'],
      capacity,
    });
    await pollUntil(`presence to see ${agentId} ${status}`, async () => {
      const response = await fetch(`${services[0]!.url}/agents/${tenantId}/${agentId}`);
      if (!response.ok) return undefined;
      const known = (await response.json()) as { status: string };
      return (known.status === 'offline') === (status === 'offline') ? true : undefined;
    });
  };
  const escalate = (
    tenant: string,
    conversationId: string,
    variables: Record<string, string> = {},
  ) =>
    probe.publish('handoff.escalation.requested', {
      escalationId: `esc:${conversationId}`,
      conversationId,
      tenantId: tenant,
      language: 'en',
      trigger: { kind: 'explicit_request', explanation: 'asked for a human', messageId: 'm1' },
      sentiment: { score: -0.4, label: 'negative' },
      variables,
      requestedAt: new Date().toISOString(),
    });
  const decision = (conversationId: string, outcome: string, extra = (_: any) => true) =>
    probe.waitFor(`${outcome} for ${conversationId}`, (record) => {
      const data = record.json?.['data'];
      return (
        record.topic === Topics.RoutingDecisions &&
        data?.conversationId === conversationId &&
        data?.outcome === outcome &&
        extra(data)
      );
    });
  const close = (conversationId: string) =>
    probe.publish('handoff.conversation.closed', {
      conversationId,
      tenantId,
      reason: 'resolved',
      closedAt: new Date().toISOString(),
    });

  it('lowers the proficiency a queue asks for once the conversation has waited the step', async () => {
    await agentStatus('billing-junior', [{ name: 'billing', proficiency: 2 }]);
    const conversationId = `${tenantId}-billing`;
    const escalatedAt = Date.now();
    await escalate(tenantId, conversationId, { topic: 'billing' });

    const queued = (await decision(conversationId, 'queued')).json!['data'];
    assert.equal(queued.queue.name, 'billing');
    assert.equal(queued.queue.reason, 'no_matching_agent', 'nobody holds billing at 4');
    const assigned = (await decision(conversationId, 'assigned')).json!['data'];
    assert.equal(assigned.agent.agentId, 'billing-junior');
    const waitedMs = Date.parse(assigned.decidedAt) - escalatedAt;
    assert.ok(waitedMs >= 1_900, `assigned after the 2 s step, not before (${waitedMs} ms)`);
    await close(conversationId);
    await agentStatus('billing-junior', [{ name: 'billing', proficiency: 2 }], 'offline');
  });

  it('ends a wait that reached the queue maximum with the queue policy, nothing stuck', async () => {
    const conversationId = `${tenantId}-returns`;
    await escalate(tenantId, conversationId, { topic: 'returns' });
    const queued = (await decision(conversationId, 'queued')).json!['data'];
    assert.equal(queued.queue.name, 'returns');
    const expired = (await decision(conversationId, 'expired')).json!['data'];
    assert.deepEqual(expired.unserved, { policy: 'callback', reason: 'max_wait' });
    assert.ok(Date.parse(expired.decidedAt) - Date.parse(queued.decidedAt) >= 1_500);
  });

  it('deflects an arrival outside business hours with what the customer is offered instead', async () => {
    const conversationId = `${closedTenant}-late`;
    await escalate(closedTenant, conversationId);
    const deflected = (await decision(conversationId, 'deflected')).json!['data'];
    assert.deepEqual(deflected.unserved, {
      policy: 'leave_message',
      reason: 'outside_business_hours',
    });
  });

  it('dead-letters an escalation of a tenant nobody configured, saying so', async () => {
    const dead = strangerDeadLetter;
    assert.match(
      dead.headers['handoff-dlq-reason']!,
      new RegExp(`tenant stranger-${runId} has no routing configuration`),
    );
  });

  it('drains the queue in order when a slot comes back and tells who still waits their new place and wait', async () => {
    await agentStatus('generalist', [{ name: 'general', proficiency: 3 }]);
    const [first, second, third] = ['g1', 'g2', 'g3'].map((name) => `${tenantId}-${name}`);
    await escalate(tenantId, first!);
    const taken = (await decision(first!, 'assigned')).json!['data'].agent.agentId;
    await escalate(tenantId, second!);
    await decision(second!, 'queued', (data) => data.queue.position === 1);
    await escalate(tenantId, third!);
    const thirdQueued = (await decision(third!, 'queued', (data) => data.queue.position === 2))
      .json!['data'];
    assert.equal(thirdQueued.queue.name, 'general');
    assert.ok(
      thirdQueued.queue.estimatedWaitSeconds > 0,
      'an estimate from the expected handle time',
    );

    await close(first!);
    const next = (await decision(second!, 'assigned')).json!['data'];
    assert.equal(next.agent.agentId, taken, 'the slot that came back');
    const moved = (await decision(third!, 'queued', (data) => data.queue.position === 1)).json![
      'data'
    ];
    assert.ok(moved.queue.estimatedWaitSeconds < thirdQueued.queue.estimatedWaitSeconds);
    assert.notEqual(moved.decisionId, thirdQueued.decisionId);
  });

  it('transfers an assigned conversation to another agent by a command, and refuses one that is not theirs', async () => {
    // Two slots: the third conversation, still waiting, takes one the moment the supervisor is online.
    await agentStatus('supervisor', [{ name: 'billing', proficiency: 5 }], 'online', 2);
    const conversationId = `${tenantId}-g2`;
    const holder = (await decision(conversationId, 'assigned')).json!['data'].agent.agentId;
    const command = (commandId: string, agentId: string) =>
      probe.publish('handoff.agent.conversation.transfer', {
        commandId,
        tenantId,
        agentId,
        conversationId,
        toAgentId: 'supervisor',
        language: 'en',
        reason: 'needs a supervisor',
        requestedAt: new Date().toISOString(),
      });
    const resultOf = async (commandId: string) =>
      (
        await probe.waitFor(
          `result of ${commandId}`,
          (record) =>
            record.topic === Topics.AgentCommandResults &&
            record.json?.['data']?.commandId === commandId,
        )
      ).json!['data'];

    await command(`${runId}-not-theirs`, 'supervisor');
    assert.deepEqual(
      [
        (await resultOf(`${runId}-not-theirs`)).status,
        (await resultOf(`${runId}-not-theirs`)).reason,
      ],
      ['refused', 'the conversation is with another agent'],
    );
    await command(`${runId}-transfer`, holder);
    const result = await resultOf(`${runId}-transfer`);
    assert.equal(result.status, 'done', result.reason);
    const transferred = (await decision(conversationId, 'transferred')).json!['data'];
    assert.deepEqual(transferred.transfer, { fromAgentId: holder, toAgentId: 'supervisor' });
    await decision(conversationId, 'assigned', (data) => data.agent.agentId === 'supervisor');
  });
});
