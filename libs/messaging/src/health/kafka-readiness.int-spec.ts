import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Topics, createEvent } from '@handoff/contracts';
import { ReadinessRegistry } from '@handoff/service-kit';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  startAgentStatusTestApp,
  testMessagingOptions,
  type AgentStatusTestApp,
} from '../testing/agent-status-test-app.js';

const runName = uniqueName('int_readiness');
let first: AgentStatusTestApp;
let second: AgentStatusTestApp | undefined;
let producer: Producer;
const firstStatuses: string[] = [];

function readinessOf(service: AgentStatusTestApp) {
  return service.app.get(ReadinessRegistry).report();
}

async function publishFor(agentId: string): Promise<string> {
  const event = createEvent(
    'handoff.agent.status.changed',
    { agentId, tenantId: `tenant_${runName}`, displayName: 'Bo', status: 'away', skills: [], languages: ['en'], capacity: 1 },
    { source: '/integration-tests/outsider' },
  );
  await producer.send({ topic: Topics.AgentStatus, acks: -1, messages: [{ key: agentId, value: JSON.stringify(event) }] });
  return event.id;
}

describe('Kafka readiness over a real broker', () => {
  before(async () => {
    const infra = integrationInfra();
    producer = new Kafka({ clientId: `${runName}_outsider`, brokers: infra.brokers, logLevel: logLevel.NOTHING }).producer();
    [first] = await Promise.all([
      startAgentStatusTestApp(testMessagingOptions(infra.brokers, runName), { silent: true }),
      producer.connect(),
    ]);
    first.app.getMicroservices()[0]!.status.subscribe((status) => firstStatuses.push(String(status)));
  });

  after(async () => {
    await Promise.all([producer?.disconnect(), second?.close(), first?.close()]);
  });

  it('reports the consumer and the producer ready once the transport is connected', async () => {
    const report = await eventually('a ready report', async () => {
      const current = await readinessOf(first);
      return current.ready && current;
    });
    assert.equal(report.checks['kafka-consumer'], true);
    assert.equal(report.checks['kafka-producer'], true);

    const eventId = await publishFor(uniqueName('agent'));
    await eventually('the consumer to process an event', () => first.log.processed.some((event) => event.id === eventId));
  });

  it('stays ready through a rebalance when a second instance joins the group', async () => {
    second = await startAgentStatusTestApp(first.options, { joinRunningGroup: true, silent: true });
    await eventually('the first instance to see the rebalance', () => firstStatuses.includes('rebalancing'), 20_000);

    // Both instances share the group's partitions from now on: events on many keys reach one or the other.
    const eventIds = await Promise.all(Array.from({ length: 6 }, () => publishFor(uniqueName('agent'))));
    const processedIds = () => new Set([...first.log.processed, ...second!.log.processed].map((event) => event.id));
    await eventually('every event processed by the group', () => eventIds.every((id) => processedIds().has(id)), 20_000);

    const [firstReport, secondReport] = await Promise.all([readinessOf(first), readinessOf(second)]);
    assert.deepEqual(firstReport.checks, { 'kafka-producer': true, 'kafka-consumer': true });
    assert.deepEqual(secondReport.checks, { 'kafka-producer': true, 'kafka-consumer': true });
  });

  it('reports not ready once the transport is closed', async () => {
    const closing = second!;
    second = undefined;
    await closing.close();
    const report = await readinessOf(closing);
    assert.equal(report.ready, false);
    assert.equal(report.checks['kafka-consumer'], false);
    assert.equal(report.checks['kafka-producer'], false);
  });
});
