import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Topics, createEvent, type AgentStatusChanged } from '@handoff/contracts';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  startAgentStatusTestApp,
  testMessagingOptions,
  type AgentStatusTestApp,
} from '../testing/agent-status-test-app.js';
import { TopicRecorder, type RecordedMessage } from '../testing/topic-recorder.js';
import { DeadLetterHeaders } from './dead-letter.js';

const runName = uniqueName('int_inbound');
let service: AgentStatusTestApp;
let deadLetters: TopicRecorder;
let outsider: Producer;

function agentStatus(agentId: string, displayName = 'Ana'): AgentStatusChanged {
  return {
    agentId,
    tenantId: `tenant_${runName}`,
    displayName,
    status: 'online',
    skills: [{ name: 'billing', proficiency: 3 }],
    languages: ['en'],
    capacity: 2,
  };
}

/** Publishes as another system would: raw bytes, any key, no help from the platform's publisher. */
async function publishRaw(key: string, value: Buffer, headers: Record<string, string> = {}) {
  const [written] = await outsider.send({ topic: Topics.AgentStatus, acks: -1, messages: [{ key, value, headers }] });
  return { partition: written!.partition, offset: written!.baseOffset! };
}

function agentStatusEvent(data: AgentStatusChanged) {
  return createEvent('handoff.agent.status.changed', data, { source: '/integration-tests/outsider' });
}

async function publishEvent(event: ReturnType<typeof agentStatusEvent>) {
  return publishRaw(event.partitionkey, Buffer.from(JSON.stringify(event)));
}

function deadLetterFor(agentId: string): Promise<RecordedMessage> {
  return eventually(`a dead letter keyed ${agentId}`, () =>
    deadLetters.messages.find(
      (message) =>
        message.key?.toString() === agentId &&
        message.headers[DeadLetterHeaders.consumerGroup] === service.options.groupId,
    ),
  );
}

describe('InboundEvents over a real Kafka broker', () => {
  before(async () => {
    const infra = integrationInfra();
    deadLetters = new TopicRecorder(infra.brokers, `${runName}_dlq_reader`);
    outsider = new Kafka({ clientId: `${runName}_outsider`, brokers: infra.brokers, logLevel: logLevel.NOTHING }).producer();
    [service] = await Promise.all([
      startAgentStatusTestApp(testMessagingOptions(infra.brokers, runName)),
      deadLetters.start([Topics.DeadLetter]),
      outsider.connect(),
    ]);
  });

  after(async () => {
    await Promise.all([outsider?.disconnect(), deadLetters?.stop(), service?.close()]);
  });

  it('dead-letters a malformed message with its origin and bytes, then processes the next one on the same key', async () => {
    const agentId = uniqueName('agent_malformed');
    // Not JSON, and not even valid UTF-8: the dead letter must keep these exact bytes.
    const malformed = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x6e, 0x6f, 0x74]);
    const origin = await publishRaw(agentId, malformed, { 'x-origin-system': 'crm' });
    await publishEvent(agentStatusEvent(agentStatus(agentId, 'After The Bad One')));

    const deadLetter = await deadLetterFor(agentId);
    assert.equal(deadLetter.headers[DeadLetterHeaders.topic], Topics.AgentStatus);
    assert.equal(deadLetter.headers[DeadLetterHeaders.partition], String(origin.partition));
    assert.equal(deadLetter.headers[DeadLetterHeaders.offset], origin.offset);
    assert.equal(deadLetter.headers[DeadLetterHeaders.stage], 'validation');
    assert.equal(deadLetter.headers[DeadLetterHeaders.attempts], '0');
    assert.match(deadLetter.headers[DeadLetterHeaders.reason]!, /not JSON/);
    assert.ok(!Number.isNaN(Date.parse(deadLetter.headers[DeadLetterHeaders.failedAt]!)));
    assert.equal(deadLetter.headers['x-origin-system'], 'crm', 'the original headers travel with the dead letter');
    assert.deepEqual(deadLetter.value, malformed);

    const [processed] = await eventually('the valid message after the malformed one', () => {
      const seen = service.log.processedFor(agentId);
      return seen.length > 0 && seen;
    });
    assert.equal(processed!.data.displayName, 'After The Bad One');
    assert.equal(service.log.processedFor(agentId).length, 1, 'the malformed message never reached the handler');
  });

  it('dead-letters a well-formed event whose schema check fails, naming the field', async () => {
    const agentId = uniqueName('agent_invalid');
    const event = agentStatusEvent(agentStatus(agentId));
    const invalid = { ...event, data: { ...event.data, capacity: 500 } };
    await publishRaw(agentId, Buffer.from(JSON.stringify(invalid)));

    const deadLetter = await deadLetterFor(agentId);
    assert.equal(deadLetter.headers[DeadLetterHeaders.stage], 'validation');
    assert.match(deadLetter.headers[DeadLetterHeaders.reason]!, /\/capacity/);
    assert.deepEqual(JSON.parse(deadLetter.value!.toString()), invalid);
    assert.equal(service.log.attemptsByEvent.get(event.id), undefined, 'an invalid event never reaches the handler');
  });

  it('dead-letters an event whose handler fails every time after the configured attempts, then processes the next one on the same key', async () => {
    const agentId = uniqueName('agent_failing');
    const doomed = agentStatusEvent(agentStatus(agentId, 'Doomed'));
    const next = agentStatusEvent(agentStatus(agentId, 'Next In Line'));
    service.log.failingEvents.add(doomed.id);
    const origin = await publishEvent(doomed);
    await publishEvent(next);

    const deadLetter = await deadLetterFor(agentId);
    const maxAttempts = service.options.maxAttempts;
    assert.equal(service.log.attemptsByEvent.get(doomed.id), maxAttempts);
    assert.equal(deadLetter.headers[DeadLetterHeaders.stage], 'processing');
    assert.equal(deadLetter.headers[DeadLetterHeaders.attempts], String(maxAttempts));
    assert.equal(deadLetter.headers[DeadLetterHeaders.topic], Topics.AgentStatus);
    assert.equal(deadLetter.headers[DeadLetterHeaders.partition], String(origin.partition));
    assert.equal(deadLetter.headers[DeadLetterHeaders.offset], origin.offset);
    assert.match(deadLetter.headers[DeadLetterHeaders.reason]!, new RegExp(`after ${maxAttempts} attempts: event ${doomed.id} cannot be stored`));
    assert.equal(JSON.parse(deadLetter.value!.toString()).id, doomed.id);

    const processed = await eventually('the event after the failing one, on the same key', () => {
      const seen = service.log.processedFor(agentId);
      return seen.length > 0 && seen;
    });
    assert.deepEqual(processed.map((event) => event.id), [next.id]);
    assert.equal(service.log.attemptsByEvent.get(next.id), 1);
  });
});
