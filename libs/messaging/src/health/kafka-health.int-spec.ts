import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Topics, createEvent } from '@handoff/contracts';
import { HealthRegistry } from '@handoff/service-kit';
import {
  eventually,
  freeLoopbackPort,
  integrationInfra,
  uniqueName,
} from '@handoff/service-kit/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { PartitionOwnership } from '../consuming/partition-ownership.js';
import {
  startAgentStatusTestApp,
  testMessagingOptions,
  type AgentStatusTestApp,
} from '../testing/agent-status-test-app.js';

const runName = uniqueName('int_health');
let first: AgentStatusTestApp;
let second: AgentStatusTestApp | undefined;
let producer: Producer;

const readinessOf = (service: AgentStatusTestApp) => service.app.get(HealthRegistry).readiness();
const livenessOf = (service: AgentStatusTestApp) => service.app.get(HealthRegistry).liveness();
const ownedBy = (service: AgentStatusTestApp) =>
  [0, 1, 2].filter((partition) =>
    service.app.get(PartitionOwnership).owns(Topics.AgentStatus, partition),
  );

async function publishFor(agentId: string): Promise<string> {
  const event = createEvent(
    'handoff.agent.status.changed',
    {
      agentId,
      tenantId: `tenant_${runName}`,
      displayName: 'Bo',
      status: 'away',
      skills: [],
      languages: ['en'],
      capacity: 1,
    },
    { source: '/integration-tests/outsider' },
  );
  await producer.send({
    topic: Topics.AgentStatus,
    acks: -1,
    messages: [{ key: agentId, value: JSON.stringify(event) }],
  });
  return event.id;
}

describe('Kafka health over a real broker', () => {
  before(async () => {
    const infra = integrationInfra();
    producer = new Kafka({
      clientId: `${runName}_outsider`,
      brokers: infra.brokers,
      logLevel: logLevel.NOTHING,
    }).producer();
    [first] = await Promise.all([
      startAgentStatusTestApp(testMessagingOptions(infra.brokers, runName), { silent: true }),
      producer.connect(),
    ]);
  });

  after(async () => {
    await Promise.all([producer?.disconnect(), second?.close(), first?.close()]);
  });

  it('is ready and alive once the group is joined, owning every partition', async () => {
    const report = await readinessOf(first);
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.deepEqual(report.checks['kafka-consumer'], { ok: true });
    assert.deepEqual(report.checks['kafka-producer'], { ok: true });
    assert.equal((await livenessOf(first)).ok, true);
    assert.deepEqual(ownedBy(first), [0, 1, 2]);

    const eventId = await publishFor(uniqueName('agent'));
    await eventually('the consumer to process an event', () =>
      first.log.processed.some((event) => event.id === eventId),
    );
  });

  it('stays ready through a rebalance when a second instance joins, and shares the partitions', async () => {
    second = await startAgentStatusTestApp(first.options, { joinRunningGroup: true, silent: true });
    await eventually(
      'the partitions to be shared',
      () => ownedBy(first).length + ownedBy(second!).length === 3 && ownedBy(second!).length > 0,
      20_000,
    );

    const eventIds = await Promise.all(
      Array.from({ length: 6 }, () => publishFor(uniqueName('agent'))),
    );
    const processedIds = () =>
      new Set([...first.log.processed, ...second!.log.processed].map((event) => event.id));
    await eventually(
      'every event processed by the group',
      () => eventIds.every((id) => processedIds().has(id)),
      20_000,
    );
    for (const service of [first, second]) assert.equal((await readinessOf(service)).ok, true);
  });

  it('reports not ready once the consumer is closed', async () => {
    const closing = second!;
    second = undefined;
    await closing.close();
    const report = await readinessOf(closing);
    assert.equal(report.ok, false);
    assert.equal(report.checks['kafka-consumer']!.ok, false);
    assert.equal(report.checks['kafka-producer']!.ok, false);
  });

  it('boots without a reachable broker, stays alive and says why it is not ready', async () => {
    const nowhere = `127.0.0.1:${await freeLoopbackPort()}`;
    const stranded = await startAgentStatusTestApp(
      testMessagingOptions([nowhere], `${runName}_stranded`),
      {
        silent: true,
        waitUntilJoined: false,
      },
    );
    try {
      const report = await eventually('a report naming the connection problem', async () => {
        const current = await readinessOf(stranded);
        return (
          /connect|ECONNREFUSED/i.test(current.checks['kafka-producer']?.detail ?? '') && current
        );
      });
      assert.equal(report.ok, false);
      assert.equal(
        (await livenessOf(stranded)).ok,
        true,
        'an unreachable broker is not a reason to restart',
      );
    } finally {
      await stranded.close();
    }
  });
});
