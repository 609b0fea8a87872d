import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Topics, type EventDataByType } from '@handoff/contracts';
import { devToken } from './support/dev-tokens.js';
import { startPlatform, type Platform } from './support/platform.js';
import { testInfra, uniqueRunId } from './support/test-infra.js';
import { TopicProbe } from './support/topic-probe.js';
import { readAgent } from './support/agent-reads.js';

const runId = uniqueRunId('e2e');
const tenantId = `acme-${runId}`;
const basePort = Number(process.env['E2E_BASE_PORT'] ?? 18100);
const at = () => new Date().toISOString();

let platform: Platform;
let probe: TopicProbe;
/** Presence's announcements, read from once the services made their topics (co-partitioned). */
let announcements: TopicProbe;

/** An agent's desk sets their status with a command; presence answers it. */
async function setAgentStatus(agentId: string, status: Record<string, unknown>) {
  const commandId = `status-${runId}-${agentId}`;
  await probe.publish('handoff.agent.status.set', {
    commandId,
    requestedAt: at(),
    agentId,
    tenantId,
    ...status,
  } as EventDataByType['handoff.agent.status.set']);
  return commandId;
}

async function startConversation(conversationId: string, language = 'en') {
  await probe.publish('handoff.conversation.started', {
    conversationId,
    tenantId,
    channel: 'web',
    language,
    customer: {
      customerId: `cust-${conversationId}`,
      displayName: 'Chris Customer',
      tier: 'standard',
    },
    startedAt: at(),
  });
}

async function say(
  conversationId: string,
  messageId: string,
  sender: 'customer' | 'bot',
  text: string,
) {
  await probe.publish('handoff.conversation.message.posted', {
    conversationId,
    tenantId,
    messageId,
    sender,
    text,
    sentAt: at(),
  });
}

async function endConversation(conversationId: string, reason: string) {
  await probe.publish('handoff.conversation.ended', {
    conversationId,
    tenantId,
    reason,
    endedAt: at(),
  });
}

function decisionFor(conversationId: string) {
  return probe.waitFor(
    `routing decision for ${conversationId}`,
    (r) => r.topic === Topics.RoutingDecisions && r.key === conversationId,
  );
}

describe('handoff from bot to agent, end to end over Kafka, MongoDB and gRPC', () => {
  before(async () => {
    const infra = testInfra();
    probe = new TopicProbe(infra.brokers, `probe-${runId}`);
    await probe.start([
      Topics.RoutingDecisions,
      Topics.CustomerNotifications,
      Topics.ConversationControl,
      Topics.Escalations,
      Topics.AgentCommandResults,
      Topics.DeadLetter,
    ]);
    platform = await startPlatform({
      runId,
      brokers: infra.brokers,
      mongoUrl: infra.mongoUrl,
      basePort,
    });
    announcements = new TopicProbe(infra.brokers, `probe-${runId}-availability`);
    await announcements.start([Topics.AgentAvailability]);
  });

  after(async () => {
    await platform?.stop();
    await announcements?.stop();
    await probe?.stop();
  });

  it("brings one agent online with their desk's command and another over the agent status topic", async () => {
    const commandId = await setAgentStatus('agent-ana', {
      displayName: 'Ana',
      status: 'online',
      skills: [{ name: 'billing', proficiency: 4 }],
      languages: ['en', 'es'],
      capacity: 1,
    });
    const result = await probe.waitFor(
      "presence's answer to Ana's desk",
      (r) => r.topic === Topics.AgentCommandResults && r.json?.['data'].commandId === commandId,
    );
    assert.equal(result.key, 'agent-ana');
    assert.equal(result.json?.['type'], 'handoff.agent.desk.result');
    assert.equal(result.json?.['data'].status, 'done');

    await probe.publish('handoff.agent.status.changed', {
      agentId: 'agent-bo',
      tenantId,
      displayName: 'Bo',
      status: 'online',
      skills: [{ name: 'shipping', proficiency: 5 }],
      languages: ['en'],
      capacity: 2,
    });
    const bo = await announcements.waitFor(
      "presence's announcement of Bo",
      (r) => r.json?.['data'].tenantId === tenantId && r.json?.['data'].agentId === 'agent-bo',
    );
    assert.equal(bo.json?.['data'].status, 'online');
    assert.equal(bo.json?.['data'].freeSlots, 2);
  });

  it("dead-letters a desk's invalid status command with a clear reason", async () => {
    const commandId = await setAgentStatus('agent-bad', {
      displayName: 'X',
      status: 'online',
      skills: [],
      languages: ['en'],
      capacity: -1,
    });
    const letter = await probe.waitFor(
      'the dead letter of the invalid command',
      (r) =>
        r.topic === Topics.DeadLetter &&
        r.headers['handoff-dlq-consumer-group'] === `handoff-presence-${runId}` &&
        (r.value ?? '').includes(commandId),
    );
    assert.match(letter.headers['handoff-dlq-reason']!, /capacity/);
  });

  it('assigns the billing conversation to the billing agent and tells the customer and the bot', async () => {
    const conversationId = `conv-${runId}-1`;
    await startConversation(conversationId);
    await say(conversationId, 'm1', 'bot', 'Hi! I am the Acme assistant. How can I help?');
    await say(conversationId, 'm2', 'customer', 'I was charged twice for my order');
    await probe.publish('handoff.conversation.variable.collected', {
      conversationId,
      tenantId,
      name: 'topic',
      value: 'billing',
      collectedAt: at(),
    });
    await probe.publish('handoff.conversation.variable.collected', {
      conversationId,
      tenantId,
      name: 'order_id',
      value: 'A-1042',
      collectedAt: at(),
    });
    await say(conversationId, 'm3', 'bot', 'I can help with billing. Could you tell me more?');
    await say(
      conversationId,
      'm4',
      'customer',
      'This is so frustrating. I want to talk to a human!',
    );

    const escalation = await probe.waitFor(
      'escalation',
      (r) => r.topic === Topics.Escalations && r.key === conversationId,
    );
    assert.equal(escalation.json?.['data'].trigger.kind, 'explicit_request');
    assert.equal(escalation.json?.['data'].sentiment.label, 'negative');

    const decision = await decisionFor(conversationId);
    assert.equal(decision.json?.['type'], 'handoff.routing.decided');
    assert.equal(decision.json?.['data'].outcome, 'assigned');
    assert.equal(decision.json?.['data'].agent.agentId, 'agent-ana');
    assert.deepEqual(decision.json?.['data'].requirements, {
      language: 'en',
      skills: [{ name: 'billing', minProficiency: 1 }],
    });

    const connecting = await probe.waitFor(
      'notice that the handoff started',
      (r) =>
        r.topic === Topics.CustomerNotifications &&
        r.key === conversationId &&
        r.json?.['data'].template === 'handoff.connecting',
    );
    assert.match(connecting.json?.['data'].text, /connecting you with an agent/);
    const notice = await probe.waitFor(
      'notice that Ana joined',
      (r) =>
        r.topic === Topics.CustomerNotifications &&
        r.key === conversationId &&
        r.json?.['data'].template === 'handoff.agent_joined',
    );
    assert.match(notice.json?.['data'].text, /Ana/);
    assert.equal(notice.headers['content-type'], 'application/cloudevents+json; charset=utf-8');

    const control = await probe.waitFor(
      'bot control',
      (r) => r.topic === Topics.ConversationControl && r.key === conversationId,
    );
    assert.equal(control.json?.['data'].action, 'pause_bot');
    assert.equal(control.json?.['data'].agentId, 'agent-ana');

    // Ana's desk reads it through the gateway, with her token: the tenant comes from the token.
    const token = await devToken({ tenant: tenantId, role: 'agent', sub: 'agent-ana' });
    const response = await fetch(`${platform.url('gateway')}/v1/conversations/${conversationId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 200);
    const conversation = (await response.json()) as Record<string, any>;
    assert.deepEqual(
      conversation['transcript'].map((m: { messageId: string }) => m.messageId),
      ['m1', 'm2', 'm3', 'm4'],
    );
    assert.deepEqual(conversation['variables'], { topic: 'billing', order_id: 'A-1042' });
    assert.equal(conversation['status'], 'assigned');
    assert.equal(conversation['escalation'].trigger, 'explicit_request');
    assert.equal(conversation['assignment'].agentId, 'agent-ana');
    assert.equal(conversation['customer'].customerId, `cust-${conversationId}`);

    const presence = (await (
      await readAgent(platform.url('presence'), tenantId, 'agent-ana')
    ).json()) as Record<string, unknown>;
    assert.equal(presence['activeChats'], 1);
    assert.equal(presence['freeSlots'], 0);
  });

  it('queues the next billing conversation when the only billing agent is full', async () => {
    const conversationId = `conv-${runId}-2`;
    await startConversation(conversationId);
    await probe.publish('handoff.conversation.variable.collected', {
      conversationId,
      tenantId,
      name: 'topic',
      value: 'billing',
      collectedAt: at(),
    });
    await say(conversationId, 'm1', 'customer', 'Can I speak with a real person please?');

    const decision = await decisionFor(conversationId);
    assert.equal(decision.json?.['data'].outcome, 'queued');
    assert.equal(decision.json?.['data'].queue.reason, 'all_agents_busy');
    const notice = await probe.waitFor(
      'queued notice',
      (r) =>
        r.topic === Topics.CustomerNotifications &&
        r.key === conversationId &&
        r.json?.['data'].template === 'handoff.queued',
    );
    assert.match(notice.json?.['data'].text, /in the queue/);
  });

  it('queues a conversation in a language nobody online speaks, and says why', async () => {
    const conversationId = `conv-${runId}-3`;
    await startConversation(conversationId, 'de');
    await say(conversationId, 'm1', 'customer', 'Ich möchte mit einem Menschen sprechen');
    const decision = await decisionFor(conversationId);
    assert.equal(decision.json?.['data'].outcome, 'queued');
    assert.equal(decision.json?.['data'].queue.reason, 'no_matching_agent');
    const notice = await probe.waitFor(
      'German notice',
      (r) => r.topic === Topics.CustomerNotifications && r.key === conversationId,
    );
    assert.equal(notice.json?.['data'].language, 'de');
  });

  it('gives the slot back when a conversation is resolved, and serves the one waiting for it', async () => {
    await endConversation(`conv-${runId}-1`, 'resolved');
    const waiting = `conv-${runId}-2`;
    const decision = await probe.waitFor(
      'the waiting conversation assigned',
      (r) =>
        r.topic === Topics.RoutingDecisions &&
        r.key === waiting &&
        r.json?.['data'].outcome === 'assigned',
    );
    assert.equal(decision.json?.['data'].agent.agentId, 'agent-ana');
    const connecting = await probe.waitFor(
      'notice that Ana joined, for the waiting customer',
      (r) =>
        r.topic === Topics.CustomerNotifications &&
        r.key === waiting &&
        r.json?.['data'].template === 'handoff.agent_joined',
    );
    assert.match(connecting.json?.['data'].text, /Ana/);
    const presence = (await (
      await readAgent(platform.url('presence'), tenantId, 'agent-ana')
    ).json()) as Record<string, unknown>;
    assert.equal(presence['activeChats'], 1, 'one slot given back, one taken');
  });

  it('takes a customer who leaves out of the queue, with an abandoned decision', async () => {
    const leaving = `conv-${runId}-3`;
    await endConversation(leaving, 'customer_left');
    const decision = await probe.waitFor(
      'abandoned decision',
      (r) =>
        r.topic === Topics.RoutingDecisions &&
        r.key === leaving &&
        r.json?.['data'].outcome === 'abandoned',
    );
    assert.equal(decision.json?.['data'].escalationId.includes(leaving), true);
  });

  it('dead-letters malformed and schema-invalid input with its origin and reason, and keeps going', async () => {
    const conversationId = `conv-${runId}-4`;
    const garbage = await probe.sendRaw(
      Topics.ConversationEvents,
      conversationId,
      '{this is not json',
    );
    const invalid = await probe.sendRaw(
      Topics.ConversationEvents,
      conversationId,
      JSON.stringify({
        specversion: '1.0',
        id: 'x1',
        source: '/bot',
        type: 'handoff.conversation.started',
        subject: conversationId,
        time: at(),
        datacontenttype: 'application/json',
        tenantid: tenantId,
        partitionkey: conversationId,
        data: { conversationId, tenantId },
      }),
    );
    await startConversation(conversationId);

    const deadLetters = await Promise.all(
      [garbage, invalid].map((sent) =>
        probe.waitFor(
          `dead letter at offset ${sent.offset}`,
          (r) =>
            r.topic === Topics.DeadLetter &&
            r.headers['handoff-dlq-original-topic'] === Topics.ConversationEvents &&
            r.headers['handoff-dlq-original-partition'] === String(sent.partition) &&
            r.headers['handoff-dlq-original-offset'] === sent.offset &&
            r.headers['handoff-dlq-consumer-group'] === `handoff-conversation-${runId}`,
        ),
      ),
    );
    assert.match(deadLetters[0]!.headers['handoff-dlq-reason']!, /not JSON/);
    assert.equal(deadLetters[0]!.value, '{this is not json');
    assert.match(deadLetters[1]!.headers['handoff-dlq-reason']!, /must have required property/);

    // The valid event behind them on the same partition was still processed.
    const supervisorToken = await devToken({ tenant: tenantId, role: 'supervisor', sub: 'sup-1' });
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (
        await fetch(`${platform.url('gateway')}/v1/conversations/${conversationId}`, {
          headers: { authorization: `Bearer ${supervisorToken}` },
        })
      ).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(status, 200);
    const ready = await fetch(`${platform.url('conversation')}/health/ready`);
    assert.equal(ready.status, 200);
  });

  it('dead-letters nothing else: every valid event of the run was processed', async () => {
    const ours = probe.records.filter(
      (r) => r.topic === Topics.DeadLetter && r.key?.startsWith(`conv-${runId}`),
    );
    assert.deepEqual(
      ours.map((r) => r.headers['handoff-dlq-reason']),
      ours.slice(0, 2).map((r) => r.headers['handoff-dlq-reason']),
    );
    assert.equal(ours.length, 2);
  });

  it('serves health and Prometheus metrics on every service', async () => {
    for (const service of ['presence', 'conversation', 'sentiment', 'routing'] as const) {
      assert.equal((await fetch(`${platform.url(service)}/health/live`)).status, 200);
      assert.equal((await fetch(`${platform.url(service)}/health/ready`)).status, 200);
      const metrics = await fetch(`${platform.url(service)}/metrics`);
      assert.equal(metrics.status, 200);
    }
    const conversationMetrics = await (
      await fetch(`${platform.url('conversation')}/metrics`)
    ).text();
    assert.match(
      conversationMetrics,
      /handoff_events_consumed_total\{[^}]*outcome="dead_lettered"/,
    );
  });
});
