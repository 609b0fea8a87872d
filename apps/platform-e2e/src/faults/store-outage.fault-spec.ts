import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  planConversations,
  publishSteadily,
  recordedOutputs,
} from '../support/conversation-stream.js';
import { localStore, type LocalServer } from '../support/local-infra.js';
import { startService, type RunningService } from '../support/platform.js';
import { testInfra, uniqueRunId } from '../support/test-infra.js';
import { pollUntil, TopicProbe } from '../support/topic-probe.js';
import { assertNothingLost, freePort, quickRecovery, watchedTopics } from './fault-harness.js';

const runId = uniqueRunId('storefault');
const outageMs = 20_000;

describe('the store stopped for 20 s under a steady stream of conversation events', () => {
  const { brokers } = testInfra();
  let store: LocalServer;
  let probe: TopicProbe;
  let conversation: RunningService;

  before(async () => {
    store = localStore(runId, await freePort());
    probe = new TopicProbe(brokers, `${runId}-probe`);
    await Promise.all([store.start(), probe.start(watchedTopics)]);
    conversation = startService('conversation', {
      runId,
      brokers,
      mongoUrl: store.address,
      httpPort: await freePort(),
      grpcPort: await freePort(),
      env: quickRecovery,
    });
    await conversation.waitUntilReady();
  });

  after(async () => {
    await conversation?.stop();
    await probe?.stop();
    await store?.remove();
  });

  it('applies every event exactly once after the store returns, dead-lettering none', async () => {
    const plan = planConversations(runId, `tenant-${runId}`, 40, 5);
    const publishing = publishSteadily(probe, plan, 8);

    await sleep(4_000);
    const beforeOutage = plan.events.length - recordedOutputs(probe, plan).missing.length;
    await store.stop();
    const stoppedAt = Date.now();
    await sleep(outageMs);
    const duringOutage =
      plan.events.length - recordedOutputs(probe, plan).missing.length - beforeOutage;
    await store.start();
    const returnedAt = Date.now();
    await publishing;

    const { caughtUpMs, duplicates } = await assertNothingLost(
      probe,
      plan,
      conversation.url,
      `handoff-conversation-${runId}`,
    );
    console.log(
      `store outage: ${plan.events.length} events at 8/s; store down ${((returnedAt - stoppedAt) / 1000).toFixed(1)} s; ` +
        `${duringOutage} outputs during the outage; every event applied ${(caughtUpMs / 1000).toFixed(1)} s after publishing ended; ` +
        `${duplicates} duplicate outputs; 0 dead letters`,
    );
  });

  it('boots without a store, says why it is not ready, stays alive, and becomes ready once the store is there', async () => {
    const lateStore = localStore(`${runId}-late`, await freePort());
    const early = startService('conversation', {
      runId: `${runId}-early`,
      brokers,
      mongoUrl: lateStore.address,
      httpPort: await freePort(),
      grpcPort: await freePort(),
      env: quickRecovery,
    });
    try {
      const notReady = await pollUntil(
        'a readiness report naming the store',
        async () => {
          const response = await fetch(`${early.url}/health/ready`).catch(() => undefined);
          const body =
            response &&
            ((await response.json()) as {
              checks?: Record<string, { ok: boolean; detail?: string }>;
            });
          return response?.status === 503 &&
            /store unreachable/.test(body?.checks?.['mongo']?.detail ?? '')
            ? body
            : undefined;
        },
        60_000,
      );
      assert.equal(notReady.checks?.['mongo']?.ok, false);
      assert.equal(
        (await fetch(`${early.url}/health/live`)).status,
        200,
        'an unreachable store is not a reason to restart',
      );

      await lateStore.start();
      await early.waitUntilReady(60_000);
    } finally {
      await early.stop();
      await lateStore.remove();
    }
  });
});
