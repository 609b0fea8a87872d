import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  planConversations,
  publishSteadily,
  recordedOutputs,
} from '../support/conversation-stream.js';
import { startService, type RunningService, type ServiceOptions } from '../support/platform.js';
import { testInfra, uniqueRunId } from '../support/test-infra.js';
import { pollUntil, TopicProbe } from '../support/topic-probe.js';
import { assertNothingLost, freePort, quickRecovery, watchedTopics } from './fault-harness.js';

const runId = uniqueRunId('crashfault');

describe('a consumer killed with SIGKILL in the middle of its work', () => {
  const { brokers, mongoUrl } = testInfra();
  let probe: TopicProbe;
  let options: ServiceOptions;
  let conversation: RunningService;

  before(async () => {
    probe = new TopicProbe(brokers, `${runId}-probe`);
    await probe.start(watchedTopics);
    options = {
      runId,
      brokers,
      mongoUrl,
      httpPort: await freePort(),
      grpcPort: await freePort(),
      env: quickRecovery,
    };
    conversation = startService('conversation', options);
    await conversation.waitUntilReady();
  });

  after(async () => {
    await conversation?.stop();
    await probe?.stop();
  });

  it('loses nothing and absorbs the duplicates once restarted', async () => {
    const plan = planConversations(runId, `tenant-${runId}`, 600, 5);
    const total = plan.conversations.length * 5;
    // A backlog first, so the service is in the middle of its batches when it dies.
    await conversation.stop();
    await publishSteadily(probe, plan, 5_000);
    conversation = startService('conversation', options);
    const killedAfter = await pollUntil(
      'the service to be part-way through the backlog',
      async () => {
        const done = total - recordedOutputs(probe, plan).missing.length;
        return done >= total * 0.05 ? done : undefined;
      },
      120_000,
      10,
    );
    await conversation.kill();
    const outputsWhenKilled = total - recordedOutputs(probe, plan).missing.length;
    assert.ok(
      outputsWhenKilled < total,
      `killed before the end (${outputsWhenKilled} of ${total} done)`,
    );

    conversation = startService('conversation', options);
    await conversation.waitUntilReady();
    const { caughtUpMs, duplicates } = await assertNothingLost(
      probe,
      plan,
      conversation.url,
      `handoff-conversation-${runId}`,
    );
    console.log(
      `consumer crash: killed with SIGKILL when ${killedAfter} of ${total} messages were republished (${outputsWhenKilled} by the time it died); ` +
        `restarted and done in ${(caughtUpMs / 1000).toFixed(1)} s; ${duplicates} duplicate outputs absorbed by id; every message stored once`,
    );
  });
});
