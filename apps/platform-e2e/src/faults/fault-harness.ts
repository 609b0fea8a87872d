import assert from 'node:assert/strict';
import { DeadLetterHeaders, Topics } from '@handoff/contracts';
import { createServer, type AddressInfo, type Server } from 'node:net';
import {
  storedTranscripts,
  recordedOutputs,
  type StreamPlan,
} from '../support/conversation-stream.js';
import { pollUntil, type TopicProbe } from '../support/topic-probe.js';

/** Topics a fault test watches: what the bot platform sends, what conversation emits, and dead letters. */
export const watchedTopics = [
  Topics.ConversationEvents,
  Topics.ConversationMessages,
  Topics.DeadLetter,
];

/** Quick retries, so recovery after the fault is measured in seconds, not in a production backoff. */
export const quickRecovery = { KAFKA_RETRY_BACKOFF_MS: '100', KAFKA_RETRY_MAX_BACKOFF_MS: '2000' };

export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}

/** Distinct free loopback ports: all are held open together, so none is handed out twice. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

/**
 * After the fault: every message the plan sent was recorded and republished (duplicates allowed),
 * stored exactly once and in order, and nothing from this consumer group was dead-lettered.
 * Returns figures for the report.
 */
export async function assertNothingLost(
  probe: TopicProbe,
  plan: StreamPlan,
  conversationUrl: string,
  groupId: string,
  timeoutMs = 120_000,
): Promise<{ caughtUpMs: number; duplicates: number }> {
  const waitStarted = Date.now();
  await pollUntil(
    'every message.recorded of the plan',
    async () => recordedOutputs(probe, plan).missing.length === 0 || undefined,
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(
      `${error.message}; still missing ${recordedOutputs(probe, plan).missing.length}`,
    );
  });
  const caughtUpMs = Date.now() - waitStarted;

  const transcripts = await storedTranscripts(conversationUrl, plan);
  for (const { conversationId, messageIds } of plan.conversations) {
    assert.deepEqual(
      transcripts.get(conversationId),
      messageIds,
      `${conversationId}: each message stored once, in order`,
    );
  }
  // A new consumer group reads the topic from the start, other tests' records included: only the plan's count.
  const planned = new Set(plan.conversations.map(({ conversationId }) => conversationId));
  const deadLetters = probe.records.filter(
    (record) =>
      record.topic === Topics.DeadLetter &&
      record.headers[DeadLetterHeaders.consumerGroup] === groupId &&
      planned.has(record.key ?? ''),
  );
  assert.deepEqual(
    deadLetters.map((record) => record.headers[DeadLetterHeaders.reason]),
    [],
    'nothing dead-lettered',
  );
  return { caughtUpMs, duplicates: recordedOutputs(probe, plan).duplicates };
}
