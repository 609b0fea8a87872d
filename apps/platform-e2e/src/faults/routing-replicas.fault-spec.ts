import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeadLetterHeaders, Topics } from '@handoff/contracts';
import { startService, type RunningService, type ServiceOptions } from '../support/platform.js';
import { testInfra, uniqueRunId } from '../support/test-infra.js';
import { pollUntil, TopicProbe } from '../support/topic-probe.js';
import { freePorts, quickRecovery } from './fault-harness.js';
import { DeskSimulator } from './desk-simulator.js';

const runId = uniqueRunId('routingfault');
const tenants = Array.from({ length: 12 }, (_, index) => `t${index}-${runId}`);
const agentsPerTenant = 2;
const capacity = 2;
const conversationsPerTenant = 15;

describe('two routing replicas, one killed with SIGKILL while conversations wait for agents', () => {
  const { brokers, mongoUrl } = testInfra();
  let probe: TopicProbe;
  let presence: RunningService;
  const routers: RunningService[] = [];
  let routingOptions: (httpPort: number) => ServiceOptions;
  let routingPorts: number[];
  let runningDesk: DeskSimulator | undefined;

  before(async () => {
    const [grpcPort, presencePort, ...others] = await freePorts(5);
    routingPorts = others;
    const base = { runId, brokers, mongoUrl, grpcPort: grpcPort! };
    // A crashed member is noticed after its session times out: short, so the test takes seconds.
    const env = { ...quickRecovery, KAFKA_SESSION_TIMEOUT_MS: '6000' };
    presence = startService('presence', { ...base, httpPort: presencePort!, env });
    routingOptions = (httpPort) => ({ ...base, httpPort, env });
    routers.push(startService('routing', routingOptions(routingPorts[0]!)));
    routers.push(startService('routing', routingOptions(routingPorts[1]!)));
    await Promise.all([presence, ...routers].map((service) => service.waitUntilReady()));
    probe = new TopicProbe(brokers, `${runId}-probe`);
    await probe.start([Topics.RoutingDecisions, Topics.DeadLetter]);
  });

  after(async () => {
    // Also when the test failed: the desk's loop would keep the process alive.
    await runningDesk?.stop();
    await Promise.all([presence, ...routers].map((service) => service?.stop()));
    await probe?.stop();
  });

  it('loses no conversation, assigns none twice and books no agent over capacity', async () => {
    const desk = new DeskSimulator(probe, presence.url, capacity);
    runningDesk = desk;
    for (const tenantId of tenants)
      for (let index = 0; index < agentsPerTenant; index++)
        await desk.agentOnline(tenantId, `agent-${index}`);
    await desk.untilPresenceKnowsEveryAgent();

    const conversations = tenants.flatMap((tenantId) =>
      Array.from({ length: conversationsPerTenant }, (_, index) => ({
        tenantId,
        conversationId: `${tenantId}-conv-${index}`,
      })),
    );
    desk.start();
    for (const conversation of conversations) await desk.escalate(conversation);

    const killedAt = await pollUntil(
      'a third of the conversations assigned',
      async () => (desk.assigned >= conversations.length / 3 ? desk.assigned : undefined),
      120_000,
      10,
    );
    const killed = routers.shift()!;
    await killed.kill();
    const killedAtMs = Date.now();
    await sleep(1_000);
    // The killed instance's port is free again; its replacement takes a third one meanwhile.
    routers.push(startService('routing', routingOptions(routingPorts[2]!)));

    await pollUntil(
      'every conversation assigned and closed',
      async () => (desk.closed === conversations.length ? true : undefined),
      120_000,
    ).catch((error: Error) => {
      const stuck = desk.unassigned(conversations);
      const seen = probe.records
        .filter((record) => stuck.includes(record.json?.['data']?.conversationId))
        .map((record) => `${record.json!['data'].conversationId}: ${record.json!['data'].outcome}`);
      throw new Error(
        `${error.message}; ${desk.closed} of ${conversations.length} closed; never assigned: ${stuck.join(', ')}; their decisions: ${seen.join(', ') || 'none'}`,
      );
    });
    const finishedMs = Date.now() - killedAtMs;
    await desk.stop();

    assert.deepEqual(desk.doubleAssigned(), [], 'no conversation assigned to two agents');
    assert.deepEqual(desk.overCapacity(), [], 'no agent ever over capacity');
    assert.deepEqual(desk.unassigned(conversations), [], 'no conversation lost');
    await desk.untilEveryAgentIsFree(tenants, agentsPerTenant);
    // A new consumer group reads every topic from the start, other tests' poison included: only
    // what this run keyed (its tenants and conversations carry the run id) counts.
    const deadLetters = probe.records.filter(
      (record) =>
        record.topic === Topics.DeadLetter &&
        record.headers[DeadLetterHeaders.consumerGroup]?.endsWith(runId) &&
        record.key?.includes(runId),
    );
    assert.deepEqual(
      deadLetters.map((record) => record.headers[DeadLetterHeaders.reason]),
      [],
    );
    console.log(
      `routing replicas: ${conversations.length} conversations for ${tenants.length} tenants, ` +
        `${tenants.length * agentsPerTenant} agents of capacity ${capacity}; one of two routers killed with SIGKILL ` +
        `after ${killedAt} assignments and restarted; all assigned and closed ${(finishedMs / 1000).toFixed(1)} s later; ` +
        `${desk.duplicateDecisions} repeated decisions (same agent), 0 double-assigned, highest load ${desk.highestLoad}/${capacity}, 0 lost`,
    );
  });
});
