import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DeadLetterHeaders,
  Topics,
  createEvent,
  eventTopicMaxMessageBytes,
  type AgentStatusChanged,
} from '@handoff/contracts';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { Kafka, logLevel, type IHeaders, type Producer } from 'kafkajs';
import {
  onlineAgentStatus,
  startAgentStatusTestApp,
  testMessagingOptions,
  type AgentStatusTestApp,
} from '../testing/agent-status-test-app.js';
import { TopicRecorder, type RecordedMessage } from '../testing/topic-recorder.js';

const runName = uniqueName('int_consumer');
let service: AgentStatusTestApp;
let deadLetters: TopicRecorder;
let outsider: Producer;

function agentStatus(agentId: string, displayName?: string): AgentStatusChanged {
  return onlineAgentStatus(agentId, `tenant_${runName}`, displayName);
}

function agentStatusEvent(data: AgentStatusChanged) {
  return createEvent('handoff.agent.status.changed', data, {
    source: '/integration-tests/outsider',
  });
}

/** Publishes as another system would: raw bytes, any key and headers, no help from the platform. */
async function publishRaw(
  key: Buffer | string | null,
  value: Buffer | string,
  headers: IHeaders = {},
  partition?: number,
) {
  const [written] = await outsider.send({
    topic: Topics.AgentStatus,
    acks: -1,
    messages: [{ key, value, headers, ...(partition === undefined ? {} : { partition }) }],
  });
  return { partition: written!.partition, offset: written!.baseOffset! };
}

async function publishEvent(event: ReturnType<typeof agentStatusEvent>, partition?: number) {
  return publishRaw(event.partitionkey, JSON.stringify(event), {}, partition);
}

function deadLetterWhere(
  description: string,
  match: (letter: RecordedMessage) => boolean,
): Promise<RecordedMessage> {
  return eventually(description, () =>
    deadLetters.messages.find(
      (letter) =>
        letter.headers[DeadLetterHeaders.consumerGroup] === service.options.groupId &&
        match(letter),
    ),
  );
}

const deadLetterFor = (agentId: string) =>
  deadLetterWhere(`a dead letter keyed ${agentId}`, (letter) => letter.key?.toString() === agentId);

function processedIds(agentId: string): string[] {
  return service.log.processedFor(agentId).map((event) => event.id);
}

describe('The event consumer over a real Kafka broker', () => {
  before(async () => {
    const infra = integrationInfra();
    deadLetters = new TopicRecorder(infra.brokers, `${runName}_dlq_reader`);
    outsider = new Kafka({
      clientId: `${runName}_outsider`,
      brokers: infra.brokers,
      logLevel: logLevel.NOTHING,
    }).producer();
    [service] = await Promise.all([
      startAgentStatusTestApp(testMessagingOptions(infra.brokers, runName), { silent: true }),
      deadLetters.start([Topics.DeadLetter]),
      outsider.connect(),
    ]);
  });

  after(async () => {
    await Promise.all([outsider?.disconnect(), deadLetters?.stop(), service?.close()]);
  });

  it('dead-letters a malformed record with its key, value and headers byte for byte, binary or JSON-looking', async () => {
    const marker = uniqueName('marker');
    const key = Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x61, 0x22, 0x7d]);
    const value = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x6e, 0x6f, 0x74]);
    const headers: IHeaders = {
      'x-marker': marker,
      'x-json': '{"looks":"like json","n":1}',
      'x-binary': Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]),
      'x-repeated': ['first', 'second'],
    };
    const origin = await publishRaw(key, value, headers);

    const letter = await deadLetterWhere(
      'the malformed record',
      (candidate) => candidate.headers['x-marker'] === marker,
    );
    assert.deepEqual(letter.key, key);
    assert.deepEqual(letter.value, value);
    assert.deepEqual(letter.rawHeaders['x-json'], Buffer.from('{"looks":"like json","n":1}'));
    assert.deepEqual(letter.rawHeaders['x-binary'], Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]));
    assert.deepEqual(letter.rawHeaders['x-repeated'], [
      Buffer.from('first'),
      Buffer.from('second'),
    ]);
    assert.equal(letter.headers[DeadLetterHeaders.topic], Topics.AgentStatus);
    assert.equal(letter.headers[DeadLetterHeaders.partition], String(origin.partition));
    assert.equal(letter.headers[DeadLetterHeaders.offset], origin.offset);
    assert.equal(letter.headers[DeadLetterHeaders.stage], 'validation');
    assert.equal(letter.headers[DeadLetterHeaders.attempts], '0');
    assert.match(letter.headers[DeadLetterHeaders.reason]!, /not JSON/);
    assert.ok(!Number.isNaN(Date.parse(letter.headers[DeadLetterHeaders.failedAt]!)));
  });

  it('dead-letters an event whose schema check fails, naming the field, and applies the next one on its key', async () => {
    const agentId = uniqueName('agent_invalid');
    const event = agentStatusEvent(agentStatus(agentId));
    const invalid = { ...event, data: { ...event.data, capacity: 500 } };
    const next = agentStatusEvent(agentStatus(agentId, 'Next'));
    await publishRaw(agentId, JSON.stringify(invalid));
    await publishEvent(next);

    const letter = await deadLetterFor(agentId);
    assert.equal(letter.headers[DeadLetterHeaders.stage], 'validation');
    assert.match(letter.headers[DeadLetterHeaders.reason]!, /\/capacity/);
    assert.deepEqual(JSON.parse(letter.value!.toString()), invalid);
    await eventually('the next event on the key', () => processedIds(agentId).includes(next.id));
    assert.deepEqual(processedIds(agentId), [next.id]);
  });

  it('dead-letters a record keyed by anything but its aggregate id, instead of processing it out of order', async () => {
    const agentId = uniqueName('agent_keyed');
    const event = agentStatusEvent(agentStatus(agentId));
    await publishRaw(`not-${agentId}`, JSON.stringify(event));

    const letter = await deadLetterWhere(
      'the wrongly keyed record',
      (candidate) => candidate.key?.toString() === `not-${agentId}`,
    );
    assert.equal(letter.headers[DeadLetterHeaders.stage], 'validation');
    assert.equal(
      letter.headers[DeadLetterHeaders.reason],
      `record key "not-${agentId}" is not the event's aggregate id ${agentId}`,
    );
    assert.deepEqual(processedIds(agentId), []);
  });

  it('dead-letters only a poison event among valid ones, after its attempts, and moves on', async () => {
    const agentId = uniqueName('agent_poison');
    const before = agentStatusEvent(agentStatus(agentId, 'Before'));
    const poison = agentStatusEvent(agentStatus(agentId, 'Poison'));
    const afterIt = agentStatusEvent(agentStatus(agentId, 'After'));
    service.log.failingEvents.add(poison.id);
    await outsider.send({
      topic: Topics.AgentStatus,
      acks: -1,
      messages: [before, poison, afterIt].map((event) => ({
        key: agentId,
        value: JSON.stringify(event),
      })),
    });

    const letter = await deadLetterFor(agentId);
    const maxAttempts = service.options.maxAttempts;
    assert.equal(letter.headers[DeadLetterHeaders.stage], 'processing');
    assert.equal(letter.headers[DeadLetterHeaders.attempts], String(maxAttempts));
    assert.match(
      letter.headers[DeadLetterHeaders.reason]!,
      new RegExp(`after ${maxAttempts} attempts: event ${poison.id} cannot be stored`),
    );
    assert.equal(JSON.parse(letter.value!.toString()).id, poison.id);
    assert.equal(service.log.attemptsByEvent.get(poison.id), maxAttempts);
    await eventually('the events around the poison', () => processedIds(agentId).length === 2);
    assert.deepEqual(processedIds(agentId), [before.id, afterIt.id]);
  });

  it('dead-letters an invalid event as large as the topic accepts, and applies the valid event behind it', async () => {
    const agentId = uniqueName('agent_huge');
    const huge = agentStatusEvent(agentStatus(agentId, 'x'.repeat(120)));
    const padded = JSON.stringify({ ...huge, padding: '' });
    // Leave room for the record's own framing inside the topic's max.message.bytes.
    const value = padded.replace(
      '"padding":""',
      `"padding":"${'p'.repeat(eventTopicMaxMessageBytes - padded.length - 200)}"`,
    );
    const next = agentStatusEvent(agentStatus(agentId, 'Behind The Huge One'));
    const origin = await publishRaw(agentId, value);
    await publishEvent(next, origin.partition);

    const letter = await deadLetterFor(agentId);
    assert.match(letter.headers[DeadLetterHeaders.reason]!, /exceeds the 65536-byte limit/);
    assert.equal(letter.value!.length, Buffer.byteLength(value));
    assert.ok(letter.value!.equals(Buffer.from(value)), 'the dead letter keeps the whole value');
    await eventually('the event behind the huge one', () =>
      processedIds(agentId).includes(next.id),
    );
  });

  it('skips an event type it does not know, without a dead letter, and applies the next one', async () => {
    const agentId = uniqueName('agent_newer');
    const newer = { ...agentStatusEvent(agentStatus(agentId)), type: 'handoff.agent.rated' };
    const next = agentStatusEvent(agentStatus(agentId, 'Known'));
    await publishRaw(agentId, JSON.stringify(newer));
    await publishEvent(next);

    await eventually('the known event', () => processedIds(agentId).includes(next.id));
    assert.deepEqual(processedIds(agentId), [next.id]);
    assert.equal(
      deadLetters.messages.filter((letter) => letter.key?.toString() === agentId).length,
      0,
    );
  });

  it('waits out an outage of a dependency on one partition, in order, while the other partitions go on, dead-lettering nothing', async () => {
    const stuck = uniqueName('agent_stuck');
    const free = uniqueName('agent_free');
    const first = agentStatusEvent(agentStatus(stuck, 'First'));
    const second = agentStatusEvent(agentStatus(stuck, 'Second'));
    const meanwhile = agentStatusEvent(agentStatus(free, 'Meanwhile'));
    service.log.unavailableFor.add(stuck);
    const failuresBefore = service.log.transientFailures;

    await publishEvent(first, 0);
    await publishEvent(meanwhile, 1);
    await eventually('the event on the healthy partition', () =>
      processedIds(free).includes(meanwhile.id),
    );
    await eventually(
      'several retries of the stuck partition',
      () => service.log.transientFailures >= failuresBefore + 3,
    );
    await publishEvent(second, 0);
    assert.deepEqual(processedIds(stuck), []);

    service.log.unavailableFor.delete(stuck);
    await eventually(
      'the stuck events once the dependency is back',
      () => processedIds(stuck).length === 2,
      20_000,
    );
    assert.deepEqual(processedIds(stuck), [first.id, second.id]);
    assert.equal(
      deadLetters.messages.filter((letter) => [stuck, free].includes(letter.key?.toString() ?? ''))
        .length,
      0,
    );
  });
});
