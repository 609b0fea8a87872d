import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Test } from '@nestjs/testing';
import {
  createEvent,
  routingDecidedType,
  Topics,
  type EscalationRequested,
  type RoutingDecided,
} from '@handoff/contracts';
import { EventBatch } from '@handoff/messaging';
import { DecisionsRepository } from '../decisions/decisions.repository.js';
import { AssignmentService, ROUTING_CONCURRENCY } from './assignment.service.js';
import { EscalationsConsumer } from './escalations.consumer.js';

function escalation(conversationId: string, messageId: string): EscalationRequested {
  return {
    escalationId: `esc:${conversationId}:${messageId}`,
    conversationId,
    tenantId: 'acme',
    language: 'en',
    trigger: { kind: 'explicit_request', explanation: 'asked for a human', messageId },
    sentiment: { score: -0.5, label: 'negative' },
    variables: {},
    requestedAt: '2026-11-25T10:00:00.000Z',
  };
}

function decisionFor(escalated: EscalationRequested, agentId = 'ana'): RoutingDecided {
  return {
    decisionId: `decision:${escalated.escalationId}`,
    escalationId: escalated.escalationId,
    conversationId: escalated.conversationId,
    tenantId: escalated.tenantId,
    outcome: 'assigned',
    requirements: { language: 'en', skills: [] },
    agent: { agentId, displayName: agentId },
    decidedAt: '2026-11-25T10:00:01.000Z',
  };
}

/** Decides instantly, but records the order conversations were decided in and how many at once. */
class FakeAssignment {
  readonly order: string[] = [];
  inFlight = 0;
  maxInFlight = 0;

  async decide(escalated: EscalationRequested): Promise<RoutingDecided> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.order.push(escalated.escalationId);
    this.inFlight--;
    return decisionFor(escalated);
  }
}

/** Stores decisions; one stored earlier (by a redelivery or another router) wins. */
class FakeDecisions {
  readonly stored = new Map<string, RoutingDecided>();

  async saveAll(decisions: readonly RoutingDecided[]): Promise<RoutingDecided[]> {
    return decisions.map((decision) => {
      const earlier = this.stored.get(decision.escalationId);
      if (!earlier) this.stored.set(decision.escalationId, decision);
      return earlier ?? decision;
    });
  }
}

async function consumer(assignment: FakeAssignment, decisions: FakeDecisions, concurrency = 4) {
  const moduleRef = await Test.createTestingModule({
    providers: [
      EscalationsConsumer,
      { provide: AssignmentService, useValue: assignment },
      { provide: DecisionsRepository, useValue: decisions },
      { provide: ROUTING_CONCURRENCY, useValue: concurrency },
    ],
  }).compile();
  return moduleRef.get(EscalationsConsumer);
}

function batchOf(escalations: EscalationRequested[]) {
  const events = escalations.map((data) =>
    createEvent('handoff.escalation.requested', data, { source: '/tests' }),
  );
  return new EventBatch(Topics.Escalations, 0, events, '/handoff/routing');
}

describe('EscalationsConsumer', () => {
  it("routes several conversations at once, each conversation's escalations in order, and announces every decision", async () => {
    const assignment = new FakeAssignment();
    const escalations = [
      escalation('c1', 'm1'),
      escalation('c2', 'm1'),
      escalation('c1', 'm2'),
      escalation('c3', 'm1'),
      escalation('c1', 'm3'),
    ];
    const batch = batchOf(escalations);

    await (await consumer(assignment, new FakeDecisions())).onEscalations(batch);

    assert.ok(assignment.maxInFlight > 1, 'conversations are routed concurrently');
    const c1 = assignment.order.filter((id) => id.startsWith('esc:c1:'));
    assert.deepEqual(c1, ['esc:c1:m1', 'esc:c1:m2', 'esc:c1:m3']);
    assert.deepEqual(
      batch.pending.map(({ topic, message }) => [topic, JSON.parse(String(message.value)).id]),
      escalations.map((escalated) => [
        Topics.RoutingDecisions,
        `decision:${escalated.escalationId}`,
      ]),
    );
  });

  it('announces the decision stored first when the escalation was decided before', async () => {
    const decisions = new FakeDecisions();
    const escalated = escalation('c9', 'm1');
    const earlier = decisionFor(escalated, 'bo');
    decisions.stored.set(escalated.escalationId, earlier);
    const batch = batchOf([escalated]);

    await (await consumer(new FakeAssignment(), decisions)).onEscalations(batch);

    const [announced] = batch.pending.map(({ message }) => JSON.parse(String(message.value)));
    assert.equal(announced.type, routingDecidedType);
    assert.deepEqual(announced.data, earlier);
  });
});
