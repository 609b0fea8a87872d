import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  planConversations,
  publishSteadily,
  recordedOutputs,
} from '../support/conversation-stream.js';
import { localBroker, type LocalServer } from '../support/local-infra.js';
import { startService, type RunningService } from '../support/platform.js';
import { testInfra, uniqueRunId } from '../support/test-infra.js';
import { TopicProbe } from '../support/topic-probe.js';
import { assertNothingLost, freePort, quickRecovery, watchedTopics } from './fault-harness.js';

const runId = uniqueRunId('brokerfault');

describe('the broker restarted under load', () => {
  const { mongoUrl } = testInfra();
  let broker: LocalServer;
  let probe: TopicProbe;
  let conversation: RunningService;

  before(async () => {
    broker = localBroker(runId, await freePort(), await freePort());
    await broker.start();
    conversation = startService('conversation', {
      runId,
      brokers: [broker.address],
      mongoUrl,
      httpPort: await freePort(),
      grpcPort: await freePort(),
      env: quickRecovery,
    });
    await conversation.waitUntilReady();
    probe = new TopicProbe([broker.address], `${runId}-probe`);
    await probe.start(watchedTopics);
  });

  after(async () => {
    await conversation?.stop();
    await probe?.stop().catch(() => undefined);
    await broker?.remove();
  });

  it('recovers producers and consumers by themselves and loses nothing', async () => {
    const plan = planConversations(runId, `tenant-${runId}`, 40, 5);
    const publishing = publishSteadily(probe, plan, 10);

    await sleep(5_000);
    const beforeRestart = plan.events.length - recordedOutputs(probe, plan).missing.length;
    const stoppedAt = Date.now();
    await broker.stop();
    await broker.start();
    const backAt = Date.now();
    const { resends } = await publishing;

    const { caughtUpMs, duplicates } = await assertNothingLost(
      probe,
      plan,
      conversation.url,
      `handoff-conversation-${runId}`,
    );
    console.log(
      `broker restart: ${plan.events.length} events at 10/s; ${beforeRestart} outputs before the restart; broker away ` +
        `${((backAt - stoppedAt) / 1000).toFixed(1)} s; ${resends} sends retried by the bot platform; every event applied ` +
        `${(caughtUpMs / 1000).toFixed(1)} s after publishing ended; ${duplicates} duplicate outputs; 0 dead letters`,
    );
  });
});
