import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Topics, type CloudEvent } from '@handoff/contracts';
import type { Principal } from '@handoff/service-kit';
import { ConversationHolders } from './conversation-holders.js';
import { audienceOf, mayReceive } from './stream-audience.js';

const event = (tenantId: string, data: Record<string, unknown>) =>
  ({ tenantid: tenantId, type: 'x', data: { tenantId, ...data } }) as unknown as CloudEvent;
const decision = (conversationId: string, outcome: string, extra: Record<string, unknown> = {}) =>
  ({ conversationId, tenantId: 'acme', outcome, ...extra }) as never;
const agent = (subject: string, tenantId = 'acme'): Principal => ({
  tenantId,
  subject,
  roles: ['agent'],
});
const supervisor: Principal = { tenantId: 'acme', subject: 'sup', roles: ['supervisor'] };

describe('stream visibility', () => {
  it('shows a decision to its agent and the tenant supervisors only', () => {
    const holders = new ConversationHolders();
    const audience = audienceOf(
      Topics.RoutingDecisions,
      event('acme', { conversationId: 'c1', agent: { agentId: 'ana' } }),
      holders,
    );
    assert.equal(mayReceive(agent('ana'), audience), true);
    assert.equal(mayReceive(agent('bob'), audience), false);
    assert.equal(mayReceive(supervisor, audience), true);
    assert.equal(mayReceive(agent('ana', 'globex'), audience), false);
    assert.equal(mayReceive({ ...supervisor, tenantId: 'globex' }, audience), false);
  });

  it('shows command results, availability and addressed context packets to their agent', () => {
    const holders = new ConversationHolders();
    for (const topic of [
      Topics.AgentCommandResults,
      Topics.AgentAvailability,
      Topics.ConversationContext,
    ]) {
      const audience = audienceOf(
        topic,
        event('acme', { agentId: 'ana', conversationId: 'c1' }),
        holders,
      );
      assert.deepEqual(audience, { tenantId: 'acme', agentIds: ['ana'] }, topic);
    }
  });

  it("shows notifications, agents' messages and message notices to the agents holding the conversation", () => {
    const holders = new ConversationHolders();
    const notification = () =>
      audienceOf(Topics.CustomerNotifications, event('acme', { conversationId: 'c1' }), holders);
    assert.deepEqual(notification().agentIds, []);
    holders.apply(decision('c1', 'offered', { agent: { agentId: 'ana' } }));
    assert.deepEqual(notification().agentIds, ['ana']);
    holders.apply(decision('c1', 'rerouted', { agent: { agentId: 'ana' } }));
    holders.apply(decision('c1', 'assigned', { agent: { agentId: 'bob' } }));
    assert.deepEqual(notification().agentIds, ['bob']);
    for (const topic of [Topics.AgentMessages, Topics.ConversationMessages])
      assert.deepEqual(
        audienceOf(topic, event('acme', { conversationId: 'c1' }), holders).agentIds,
        ['bob'],
        topic,
      );
    holders.apply(decision('c1', 'transferred', { transfer: { fromAgentId: 'bob' } }));
    assert.deepEqual(notification().agentIds, []);
  });

  it('forgets the oldest conversations beyond its capacity', () => {
    const holders = new ConversationHolders(2);
    for (const id of ['c1', 'c2', 'c3'])
      holders.apply(decision(id, 'assigned', { agent: { agentId: 'ana' } }));
    assert.deepEqual(holders.of('c1'), []);
    assert.deepEqual(holders.of('c3'), ['ana']);
  });
});
