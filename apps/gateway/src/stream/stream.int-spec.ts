import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { messageRecordedType, routingDecidedType } from '@handoff/contracts';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { startGateway, type GatewayUnderTest } from '../testing/gateway-app.fixtures.js';
import { openStream, type OpenStream } from '../testing/sse-client.js';

const infra = integrationInfra();
const tenantA = uniqueName('acme');
const tenantB = uniqueName('globex');

describe('gateway stream', () => {
  let gateway: GatewayUnderTest;
  /** A second instance, as a load balancer may send a desk to, trusting the same keys. */
  let another: GatewayUnderTest;
  const streams: OpenStream[] = [];

  before(async () => {
    gateway = await startGateway(infra);
    another = await startGateway(infra, {
      AUTH_JWKS_FILE: gateway.keys.jwksFile,
      // Its desks resume from the very event they saw last (the default allows for clock skew).
      GATEWAY_STREAM_RESUME_OVERLAP_MS: '0',
    });
  });
  after(async () => {
    streams.forEach((stream) => stream.close());
    await gateway?.stop();
    await another?.stop();
  });

  const open = async (
    tenant: string,
    sub: string,
    role = 'agent',
    lastEventId?: string,
    at: GatewayUnderTest = gateway,
  ) => {
    const stream = await openStream(
      at.url,
      await gateway.token({ tenant, sub, role }),
      lastEventId,
    );
    streams.push(stream);
    assert.equal(stream.status, 200);
    return stream;
  };
  const offer = (tenantId: string, agentId: string) => {
    const conversationId = uniqueName('conv');
    return gateway
      .produce(routingDecidedType, {
        decisionId: uniqueName('decision'),
        escalationId: uniqueName('escalation'),
        conversationId,
        tenantId,
        outcome: 'offered',
        requirements: { language: 'en', skills: [] },
        offer: {
          offerId: uniqueName('offer'),
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
        },
        agent: { agentId, displayName: agentId },
        decidedAt: new Date().toISOString(),
      } as never)
      .then(() => conversationId);
  };
  const about = (stream: OpenStream, conversationId: string) =>
    stream.events.filter((event) => event.data.includes(`"conversationId":"${conversationId}"`));

  it("sends a decision to its agent and the tenant's supervisor, not to another agent or tenant", async () => {
    const ana = await open(tenantA, 'agent-x');
    const bob = await open(tenantA, 'agent-y');
    const anaElsewhere = await open(tenantB, 'agent-x');
    const supervisor = await open(tenantA, 'sup-1', 'supervisor');
    const otherSupervisor = await open(tenantB, 'sup-2', 'supervisor');

    const forAna = await offer(tenantA, 'agent-x');
    const forBob = await offer(tenantA, 'agent-y');
    await eventually(
      'both decisions at the supervisor',
      () => about(supervisor, forBob).length > 0 && about(supervisor, forAna).length > 0,
    );
    await eventually("bob's decision at bob", () => about(bob, forBob).length > 0);
    await eventually("ana's decision at ana", () => about(ana, forAna).length > 0);
    const [received] = about(ana, forAna);
    assert.equal(received!.event, 'handoff.routing.decided');
    assert.match(received!.id!, /^[0-9a-f]+-\d+-\d+$/);
    assert.deepEqual(about(bob, forAna), []);
    assert.deepEqual(about(ana, forBob), []);
    assert.deepEqual(anaElsewhere.events, []);
    assert.deepEqual(otherSupervisor.events, []);
  });

  it('tells the agent holding a conversation that the customer wrote, without the text', async () => {
    const ana = await open(tenantA, 'agent-w');
    const bob = await open(tenantA, 'agent-v');
    const conversationId = await offer(tenantA, 'agent-w');
    await eventually("ana's offer", () => about(ana, conversationId).length > 0);
    await gateway.produce(messageRecordedType, {
      conversationId,
      tenantId: tenantA,
      language: 'en',
      channel: 'web',
      message: {
        messageId: 'm-card',
        sender: 'customer',
        text: 'my card is 4111 1111 1111 1111',
        sentAt: new Date().toISOString(),
      },
      variables: {},
    });
    const notice = () => about(ana, conversationId).find((event) => event.data.includes('m-card'));
    await eventually('the notice at ana', () => notice() !== undefined);
    assert.equal(notice()!.event, messageRecordedType);
    assert.deepEqual(JSON.parse(notice()!.data).data.message.sender, 'customer');
    assert.doesNotMatch(notice()!.data, /4111/);
    assert.deepEqual(about(bob, conversationId), []);
  });

  /**
   * An agent's desk sees an offer and goes away; meanwhile another offer comes for them and one
   * for someone else, both streamed to a supervisor watching on `watchedAt`.
   */
  const awayWhileOffered = async (agentId: string, watchedAt: GatewayUnderTest) => {
    const desk = await open(tenantA, agentId);
    const watching = await open(tenantA, `sup-${agentId}`, 'supervisor', undefined, watchedAt);
    const first = await offer(tenantA, agentId);
    await eventually('the first decision', () => about(desk, first).length > 0);
    const lastSeen = about(desk, first)[0]!.id!;
    desk.close();
    const missed = await offer(tenantA, agentId);
    const notHers = await offer(tenantA, 'agent-other');
    await eventually(
      'both decisions streamed',
      () => about(watching, missed).length > 0 && about(watching, notHers).length > 0,
    );
    return { first, lastSeen, missed, notHers };
  };

  it('replays what a desk missed when it reconnects with Last-Event-ID, and says reset for an unknown id', async () => {
    const { first, lastSeen, missed, notHers } = await awayWhileOffered('agent-r', gateway);

    const back = await open(tenantA, 'agent-r', 'agent', lastSeen);
    await eventually(
      'the missed decision after reconnecting',
      () => about(back, missed).length > 0,
    );
    assert.deepEqual(about(back, first), []);
    assert.deepEqual(about(back, notHers), []);

    const lost = await open(tenantA, 'agent-r', 'agent', 'another-instance-5');
    await eventually('a reset', () => lost.events.some((event) => event.event === 'reset'));
  });

  it('replays what a desk missed when it reconnects to another instance', async () => {
    const { lastSeen, missed, notHers } = await awayWhileOffered('agent-m', another);

    const back = await open(tenantA, 'agent-m', 'agent', lastSeen, another);
    await eventually('the missed decision there', () => about(back, missed).length > 0);
    assert.deepEqual(about(back, notHers), []);
    assert.ok(!back.events.some((event) => event.event === 'reset'));

    // Seen long before that instance started following the topics: it cannot know what came since.
    const instance = lastSeen.split('-')[0];
    const stale = await open(tenantA, 'agent-m', 'agent', `${instance}-1-1000`, another);
    await eventually('a reset', () => stale.events.some((event) => event.event === 'reset'));
  });

  it('refuses a stream without a valid token', async () => {
    const response = await fetch(`${gateway.url}/v1/stream`);
    assert.equal(response.status, 401);
    await response.body?.cancel();
  });
});
