import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Test } from '@nestjs/testing';
import {
  EventValidator,
  routingDecidedType,
  type Candidate__Output,
  type EscalationRequested,
  type FindCandidatesRequest,
  type FindCandidatesResponse__Output,
  type ReserveCapacityRequest,
  type ReserveCapacityResponse__Output,
} from '@handoff/contracts';
import { PresenceClient } from '../presence-client/presence.client.js';
import { AssignmentService, MAX_RESERVE_ATTEMPTS } from './assignment.service.js';

class FakePresence {
  found: FindCandidatesResponse__Output = { candidates: [], onlineAgents: 0, matchingAgents: 0 };
  /** Agents that still have a free slot when asked to reserve one. */
  readonly free = new Set<string>();
  /** When set, answers every reservation, e.g. with a slot the conversation already holds elsewhere. */
  answer?: (request: ReserveCapacityRequest) => ReserveCapacityResponse__Output;
  readonly searches: FindCandidatesRequest[] = [];
  readonly reserveAttempts: string[] = [];

  async findCandidates(request: FindCandidatesRequest): Promise<FindCandidatesResponse__Output> {
    this.searches.push(request);
    return this.found;
  }

  async reserveCapacity(request: ReserveCapacityRequest): Promise<ReserveCapacityResponse__Output> {
    const agentId = request.agentId ?? '';
    this.reserveAttempts.push(agentId);
    if (this.answer) return this.answer(request);
    if (!this.free.has(agentId))
      return { reserved: false, agentId, displayName: '', activeChats: 0 };
    const displayName = this.found.candidates.find((c) => c.agentId === agentId)?.displayName ?? '';
    return { reserved: true, agentId, displayName, activeChats: 1 };
  }
}

const validator = new EventValidator();

const escalation: EscalationRequested = {
  escalationId: 'esc:conv-1:m-1',
  conversationId: 'conv-1',
  tenantId: 'acme',
  language: 'en',
  trigger: { kind: 'explicit_request', explanation: 'asked for a human', messageId: 'm-1' },
  sentiment: { score: -0.6, label: 'negative' },
  variables: { topic: 'billing' },
  requestedAt: '2026-11-25T10:00:00.000Z',
};

function candidate(agentId: string, proficiency: number): Candidate__Output {
  return {
    agentId,
    displayName: `Agent ${agentId}`,
    proficiency,
    activeChats: 0,
    capacity: 3,
    lastAssignedAtMs: '0',
  };
}

describe('AssignmentService', () => {
  let presence: FakePresence;

  beforeEach(() => {
    presence = new FakePresence();
  });

  async function assignment(maxReserveAttempts = 5): Promise<AssignmentService> {
    const moduleRef = await Test.createTestingModule({
      providers: [
        AssignmentService,
        { provide: PresenceClient, useValue: presence },
        { provide: MAX_RESERVE_ATTEMPTS, useValue: maxReserveAttempts },
      ],
    }).compile();
    return moduleRef.get(AssignmentService);
  }

  function agentsOnline(
    candidates: Candidate__Output[],
    counts: { online?: number; matching?: number } = {},
  ): void {
    presence.found = {
      candidates,
      onlineAgents: counts.online ?? candidates.length,
      matchingAgents: counts.matching ?? candidates.length,
    };
  }

  it('asks presence for agents who speak the language and know the topic', async () => {
    await (await assignment()).decide(escalation);
    assert.deepEqual(presence.searches, [
      {
        tenantId: 'acme',
        language: 'en',
        skills: [{ name: 'billing', minProficiency: 1 }],
        limit: 5,
      },
    ]);
  });

  it('assigns the best-ranked candidate, in a decision that honours its contract', async () => {
    agentsOnline([candidate('ana', 2), candidate('bo', 5), candidate('cy', 3)]);
    ['ana', 'bo', 'cy'].forEach((id) => presence.free.add(id));

    const decision = await (await assignment()).decide(escalation);

    assert.deepEqual(presence.reserveAttempts, ['bo']);
    assert.equal(decision.outcome, 'assigned');
    assert.deepEqual(decision.agent, { agentId: 'bo', displayName: 'Agent bo' });
    assert.equal(decision.queue, undefined);
    assert.equal(decision.decisionId, 'decision:esc:conv-1:m-1');
    assert.deepEqual(decision.requirements, {
      language: 'en',
      skills: [{ name: 'billing', minProficiency: 1 }],
    });
    const check = validator.validateData(routingDecidedType, decision);
    assert.ok(check.ok, check.ok ? '' : check.reason);
  });

  it('falls through to the next candidate when a slot was taken meanwhile', async () => {
    agentsOnline([candidate('ana', 2), candidate('bo', 5), candidate('cy', 3)]);
    presence.free.add('ana');

    const decision = await (await assignment()).decide(escalation);

    assert.deepEqual(presence.reserveAttempts, ['bo', 'cy', 'ana']);
    assert.equal(decision.outcome, 'assigned');
    assert.equal(decision.agent?.agentId, 'ana');
  });

  it('names the agent presence says holds the slot, falling back to the id for a missing name', async () => {
    agentsOnline([candidate('ana', 4)]);
    presence.answer = () => ({ reserved: true, agentId: 'dee', displayName: '', activeChats: 2 });

    const decision = await (await assignment()).decide(escalation);

    assert.deepEqual(decision.agent, { agentId: 'dee', displayName: 'dee' });
  });

  it('queues with no_agent_online when nobody is online', async () => {
    agentsOnline([], { online: 0, matching: 0 });

    const decision = await (await assignment()).decide(escalation);

    assert.equal(decision.outcome, 'queued');
    assert.deepEqual(decision.queue, { reason: 'no_agent_online' });
    assert.equal(decision.agent, undefined);
    assert.deepEqual(presence.reserveAttempts, []);
    const check = validator.validateData(routingDecidedType, decision);
    assert.ok(check.ok, check.ok ? '' : check.reason);
  });

  it('queues with no_matching_agent when agents are online but none fits', async () => {
    agentsOnline([], { online: 4, matching: 0 });
    assert.deepEqual((await (await assignment()).decide(escalation)).queue, {
      reason: 'no_matching_agent',
    });
  });

  it('queues with all_agents_busy when the agents who fit have no free slot', async () => {
    agentsOnline([], { online: 4, matching: 2 });
    assert.deepEqual((await (await assignment()).decide(escalation)).queue, {
      reason: 'all_agents_busy',
    });
  });

  it('queues with all_agents_busy when every reservation is refused', async () => {
    agentsOnline([candidate('ana', 2), candidate('bo', 5)]);

    const decision = await (await assignment()).decide(escalation);

    assert.deepEqual(presence.reserveAttempts, ['bo', 'ana']);
    assert.deepEqual(decision.queue, { reason: 'all_agents_busy' });
  });

  it('tries no more candidates than the configured reserve attempts', async () => {
    agentsOnline([candidate('a1', 5), candidate('a2', 4), candidate('a3', 3), candidate('a4', 2)]);
    presence.free.add('a4');

    const decision = await (await assignment(2)).decide(escalation);

    assert.deepEqual(presence.reserveAttempts, ['a1', 'a2']);
    assert.equal(decision.outcome, 'queued');
    assert.deepEqual(decision.queue, { reason: 'all_agents_busy' });
  });
});

describe('AssignmentService with the channel on the escalation', () => {
  it('carries the channel into the decision, so conversation needs no lookup', async () => {
    const presence = new FakePresence();
    const moduleRef = await Test.createTestingModule({
      providers: [
        AssignmentService,
        { provide: PresenceClient, useValue: presence },
        { provide: MAX_RESERVE_ATTEMPTS, useValue: 5 },
      ],
    }).compile();
    const decision = await moduleRef
      .get(AssignmentService)
      .decide({ ...escalation, channel: 'whatsapp' });
    assert.equal(decision.channel, 'whatsapp');
  });
});
