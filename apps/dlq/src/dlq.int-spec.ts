import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  DeadLetterHeaders,
  Topics,
  createEvent,
  deadLetterId,
  deadLetterReplayRecordSchema,
  replayedFromHeader,
  type AgentStatusChanged,
  type DeadLetterReplayRecord,
} from '@handoff/contracts';
import {
  TopicRecorder,
  onlineAgentStatus,
  startAgentStatusTestApp,
  testMessagingOptions,
  type AgentStatusTestApp,
  type RecordedMessage,
} from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Kafka, logLevel, type Admin, type IHeaders, type Producer } from 'kafkajs';
import type { DeadLetterSummaryJson } from './output/list-output.js';
import type { DeadLetterDetailJson } from './output/show-output.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const main = fileURLToPath(new URL('./main.js', import.meta.url));
const runName = uniqueName('int_dlq');
const infra = integrationInfra();
/** The CLI's throwaway reader groups are named after this, so the test can tell they are gone. */
const cliGroupPrefix = `${runName}_cli`;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command as an operator would, with the broker of the test run. */
function dlq(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      env: {
        ...process.env,
        ...infra.serviceEnv,
        KAFKA_GROUP_ID: cliGroupPrefix,
        KAFKA_CLIENT_ID: cliGroupPrefix,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function dlqOk(args: string[]): Promise<string> {
  const result = await dlq(args);
  assert.equal(result.code, 0, `dlq ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

const jsonLines = <T>(stdout: string): T[] =>
  stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

function agentStatus(agentId: string, displayName?: string): AgentStatusChanged {
  return onlineAgentStatus(agentId, `tenant_${runName}`, displayName);
}

/** Every record on a topic whose key is `key`, read from the beginning by a group of its own. */
async function recordsKeyed(kafka: Kafka, topic: string, key: string): Promise<RecordedMessage[]> {
  const found: RecordedMessage[] = [];
  const consumer = kafka.consumer({
    groupId: uniqueName(`${runName}_probe`),
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (message.key?.toString() !== key) return;
        found.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers: {},
          rawHeaders: message.headers ?? {},
        });
      },
    });
    await eventually(`a record keyed ${key} on ${topic}`, () => found.length > 0, 30_000);
    return found;
  } finally {
    await consumer.disconnect();
  }
}

describe('npm run dlq against a real broker', () => {
  let app: AgentStatusTestApp;
  let deadLetters: TopicRecorder;
  let agentStatusRecords: TopicRecorder;
  let producer: Producer;
  let kafka: Kafka;
  let admin: Admin;

  const agentId = uniqueName('agent_dlq');
  const first = createEvent('handoff.agent.status.changed', agentStatus(agentId, 'Before'), {
    source: '/integration-tests/dlq',
  });
  const poison = createEvent('handoff.agent.status.changed', agentStatus(agentId, 'Poison'), {
    source: '/integration-tests/dlq',
  });
  const last = createEvent('handoff.agent.status.changed', agentStatus(agentId, 'After'), {
    source: '/integration-tests/dlq',
  });
  const poisonValue = Buffer.from(JSON.stringify(poison));
  const poisonHeaders: IHeaders = {
    'content-type': 'application/cloudevents+json',
    'x-binary': Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]),
    'x-json': '{"looks":"like json"}',
  };
  let letter: RecordedMessage;
  let id: string;

  before(async () => {
    kafka = new Kafka({ clientId: runName, brokers: infra.brokers, logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    admin = kafka.admin();
    deadLetters = new TopicRecorder(infra.brokers, `${runName}_dlq_reader`);
    agentStatusRecords = new TopicRecorder(infra.brokers, `${runName}_status_reader`);
    app = await startAgentStatusTestApp(testMessagingOptions(infra.brokers, runName), {
      silent: true,
    });
    await Promise.all([
      deadLetters.start([Topics.DeadLetter]),
      agentStatusRecords.start([Topics.AgentStatus]),
      producer.connect(),
      admin.connect(),
    ]);

    app.log.failingEvents.add(poison.id);
    await producer.send({
      topic: Topics.AgentStatus,
      acks: -1,
      messages: [
        { key: agentId, value: JSON.stringify(first) },
        { key: agentId, value: poisonValue, headers: poisonHeaders },
        { key: agentId, value: JSON.stringify(last) },
      ],
    });
    letter = await eventually(
      'the dead letter of the poison event',
      () =>
        deadLetters.messages.find(
          (message) =>
            message.headers[DeadLetterHeaders.consumerGroup] === runName &&
            message.key?.toString() === agentId,
        ),
      30_000,
    );
    id = deadLetterId(letter.partition, letter.offset);
    await eventually(
      'the events around the poison',
      () => app.log.processedFor(agentId).length === 2,
    );
  });

  after(async () => {
    await Promise.all([
      producer?.disconnect(),
      admin?.disconnect(),
      deadLetters?.stop(),
      agentStatusRecords?.stop(),
      app?.close(),
    ]);
  });

  it('lists the dead letter of a group as JSON lines: where it came from, why, and its event', async () => {
    const [listed, ...others] = jsonLines<DeadLetterSummaryJson>(
      await dlqOk(['list', '--group', runName, '--id', poison.id, '--json']),
    );
    assert.equal(others.length, 0);
    assert.equal(listed!.id, id);
    assert.equal(listed!.originalTopic, Topics.AgentStatus);
    assert.equal(listed!.originalPartition, Number(letter.headers[DeadLetterHeaders.partition]));
    assert.equal(listed!.originalOffset, letter.headers[DeadLetterHeaders.offset]);
    assert.equal(listed!.stage, 'processing');
    assert.equal(listed!.attempts, app.options.maxAttempts);
    assert.equal(listed!.consumerGroup, runName);
    assert.match(listed!.reason!, new RegExp(`event ${poison.id} cannot be stored`));
    assert.equal(listed!.eventId, poison.id);
    assert.equal(listed!.eventType, 'handoff.agent.status.changed');
    assert.deepEqual(listed!.key, { encoding: 'utf8', text: agentId });
    assert.deepEqual(listed!.replays, []);
  });

  it('lists it as a table, and finds it by event id, reason, stage and time', async () => {
    const table = await dlqOk(['list', '--group', runName, '--id', poison.id]);
    const lines = table.trimEnd().split('\n');
    assert.match(
      lines[0]!,
      /^ID\s+FAILED AT\s+ORIGINAL\s+STAGE\s+ATTEMPTS\s+EVENT TYPE\s+EVENT ID\s+REPLAYED\s+REASON/,
    );
    assert.ok(lines[1]!.startsWith(`${id} `), lines[1]);
    assert.match(
      lines[1]!,
      new RegExp(
        `${Topics.AgentStatus.replace(/\./g, '\\.')}:\\d+@\\d+\\s+processing\\s+3\\s+handoff\\.agent\\.status\\.changed\\s+${poison.id}\\s+no\\s+`,
      ),
    );
    assert.match(lines.at(-1)!, /^1 dead letter(?: \(of \d+\))? on handoff\.dlq\.v1$/);

    for (const filter of [
      ['--id', poison.id],
      ['--reason', `EVENT ${poison.id.toUpperCase()}`, '--stage', 'processing'],
    ]) {
      const found = jsonLines<DeadLetterSummaryJson>(await dlqOk(['list', '--json', ...filter]));
      assert.deepEqual(
        found.map((entry) => entry.id),
        [id],
        filter.join(' '),
      );
    }
    assert.deepEqual(
      jsonLines(
        await dlqOk([
          'list',
          '--json',
          '--group',
          runName,
          '--id',
          poison.id,
          '--stage',
          'validation',
        ]),
      ),
      [],
    );
    assert.deepEqual(
      jsonLines(
        await dlqOk([
          'list',
          '--json',
          '--group',
          runName,
          '--id',
          poison.id,
          '--since',
          new Date(Date.now() + 60_000).toISOString(),
        ]),
      ),
      [],
    );
  });

  it('shows every header (binary ones as hex), the key, the value as JSON, and no replays yet', async () => {
    const shown = await dlqOk(['show', id]);
    assert.match(shown, new RegExp(`^Dead letter ${id} `));
    assert.match(shown, /\n {2}x-binary: hex:dead00beef\n/);
    assert.match(shown, /\n {2}x-json: \{"looks":"like json"\}\n/);
    assert.match(shown, /\n {2}content-type: application\/cloudevents\+json\n/);
    assert.match(shown, new RegExp(`\\n {2}${DeadLetterHeaders.consumerGroup}: ${runName}\\n`));
    assert.match(
      shown,
      new RegExp(`\\nKey \\(utf8, ${agentId.length} bytes\\)\\n {2}${agentId}\\n`),
    );
    assert.match(
      shown,
      new RegExp(
        `\\nValue \\(json, ${poisonValue.length} bytes\\)\\n {2}\\{\\n {4}"specversion": "1.0",`,
      ),
    );
    assert.match(shown, /\nReplays: none\n/);

    const [byEvent] = jsonLines<DeadLetterDetailJson>(await dlqOk(['show', poison.id, '--json']));
    assert.equal(byEvent!.id, id);
    assert.deepEqual(byEvent!.value, { encoding: 'json', json: poison });
    assert.deepEqual(
      byEvent!.headers.find(({ name }) => name === 'x-binary'),
      { name: 'x-binary', encoding: 'hex', text: 'dead00beef' },
    );
  });

  it('says so, exiting 1, when show finds no such dead letter', async () => {
    const result = await dlq(['show', `${runName}_no_such_event`]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no dead letter/);
  });

  it('writes nothing on a dry run', async () => {
    const dryRun = await dlqOk(['replay', '--group', runName, '--id', poison.id, '--dry-run']);
    assert.match(dryRun, new RegExp(`would replay ${id} to ${Topics.AgentStatus}:`));
    assert.match(dryRun, /dry run: 1 would be replayed, 0 already replayed; nothing was written/);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(
      agentStatusRecords.messages.filter(
        (message) => message.headers[replayedFromHeader] !== undefined,
      ).length,
      0,
    );
    const [listed] = jsonLines<DeadLetterSummaryJson>(
      await dlqOk(['list', '--group', runName, '--id', poison.id, '--json']),
    );
    assert.deepEqual(listed!.replays, []);
  });

  it('replays the dead letter, once fixed, with its original key, value and headers, and records the replay', async () => {
    app.log.failingEvents.delete(poison.id);
    const output = await dlqOk(['replay', '--group', runName, '--id', poison.id]);
    assert.match(output, new RegExp(`replayed ${id} to ${Topics.AgentStatus}:\\d+@\\d+`));
    assert.match(output, /\n1 replayed, 0 already replayed\n$/);

    await eventually(
      'the replayed event processed',
      () => app.log.processedFor(agentId).some((event) => event.id === poison.id),
      30_000,
    );
    assert.deepEqual(
      app.log.processedFor(agentId).map((event) => event.id),
      [first.id, last.id, poison.id],
    );

    const replayed = await eventually('the replayed record', () =>
      agentStatusRecords.messages.find((message) => message.headers[replayedFromHeader] === id),
    );
    assert.deepEqual(replayed.key, Buffer.from(agentId));
    assert.deepEqual(replayed.value, poisonValue);
    assert.deepEqual(replayed.value, letter.value);
    assert.equal(
      replayed.partition,
      Number(letter.headers[DeadLetterHeaders.partition]),
      'back to its original partition',
    );
    assert.deepEqual(replayed.rawHeaders['x-binary'], Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]));
    assert.deepEqual(replayed.rawHeaders['x-json'], Buffer.from('{"looks":"like json"}'));
    assert.deepEqual(
      replayed.rawHeaders['content-type'],
      Buffer.from('application/cloudevents+json'),
    );
    assert.deepEqual(Object.keys(replayed.rawHeaders).sort(), [
      'content-type',
      replayedFromHeader,
      'x-binary',
      'x-json',
    ]);

    const [recorded, ...more] = await recordsKeyed(kafka, Topics.DeadLetterReplays, id);
    assert.equal(more.length, 0);
    const replay = JSON.parse(recorded!.value!.toString()) as DeadLetterReplayRecord;
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    assert.ok(ajv.validate(deadLetterReplayRecordSchema, replay), JSON.stringify(ajv.errors));
    assert.equal(replay.deadLetterId, id);
    assert.equal(replay.originalTopic, Topics.AgentStatus);
    assert.equal(replay.originalPartition, Number(letter.headers[DeadLetterHeaders.partition]));
    assert.equal(replay.originalOffset, letter.headers[DeadLetterHeaders.offset]);
    assert.deepEqual(replay.replayedTo, {
      topic: Topics.AgentStatus,
      partition: replayed.partition,
      offset: replayed.offset,
    });
    assert.match(replay.replayedBy, /.@./);
    assert.match(replay.reason, /cannot be stored/);

    const [dlqTopic, replaysTopic] = (
      await admin.fetchTopicMetadata({ topics: [Topics.DeadLetter, Topics.DeadLetterReplays] })
    ).topics;
    assert.equal(
      replaysTopic!.partitions.length,
      dlqTopic!.partitions.length,
      'the replays topic has as many partitions as the dead-letter topic',
    );
  });

  it('does not replay it a second time, and shows the replay in list and show', async () => {
    const again = await dlqOk(['replay', '--group', runName, '--id', poison.id]);
    assert.match(again, new RegExp(`skipped ${id}: already replayed once`));
    assert.match(again, /\n0 replayed, 1 already replayed\n$/);
    assert.equal(
      agentStatusRecords.messages.filter((message) => message.headers[replayedFromHeader] === id)
        .length,
      1,
    );

    const [listed] = jsonLines<DeadLetterSummaryJson>(
      await dlqOk(['list', '--group', runName, '--id', poison.id, '--json']),
    );
    assert.equal(listed!.replays.length, 1);
    assert.match(
      await dlqOk(['list', '--group', runName, '--id', poison.id]),
      new RegExp(`${poison.id}\\s+yes\\s`),
    );
    assert.match(
      await dlqOk(['show', id]),
      new RegExp(
        `\\nReplays \\(1\\)\\n {2}\\S+ by \\S+@\\S+ to ${Topics.AgentStatus.replace(/\./g, '\\.')}:\\d+@\\d+\\n`,
      ),
    );
  });

  it('leaves no consumer group of its own behind', async () => {
    const { groups } = await admin.listGroups();
    assert.deepEqual(
      groups.filter(({ groupId }) => groupId.startsWith(cliGroupPrefix)),
      [],
    );
  });

  it('exits 2 on a usage error and 1, with one line, when no broker answers', async () => {
    const usage = await dlq(['replay']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^dlq: replay needs a filter/);

    const unreachable = await dlq(['list'], { KAFKA_BROKERS: '127.0.0.1:1' });
    assert.equal(unreachable.code, 1);
    assert.equal(unreachable.stdout, '');
    assert.match(
      unreachable.stderr,
      /^dlq: cannot reach Kafka at 127\.0\.0\.1:1 \(plaintext\): .*\n$/,
    );
  });
});
