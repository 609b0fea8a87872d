import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  EventValidator,
  conversationControlRequestedType,
  customerNotificationRequestedType,
  type EventDataByType,
  type EventType,
  type RoutingDecided,
} from '@handoff/contracts';
import type { EmitOptions } from '@handoff/messaging';
import { RecordingSink } from '@handoff/messaging/testing';
import { decideAfterEscalation, handoffService } from './handoff.fixtures.js';
import type { HandoffService } from './handoff.service.js';

type Notice = EventDataByType[typeof customerNotificationRequestedType];
type Control = EventDataByType[typeof conversationControlRequestedType];

/** Records the trace each emit continues as well. */
class TracingSink extends RecordingSink {
  readonly traces: (string | undefined)[] = [];

  override emit<K extends EventType>(
    type: K,
    data: EventDataByType[K],
    options: EmitOptions = {},
  ): void {
    super.emit(type, data, options);
    this.traces.push(options.traceparent);
  }
}

const validator = new EventValidator();
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const base = {
  escalationId: 'esc:conv-1:m-1',
  conversationId: 'conv-1',
  tenantId: 'acme',
  requirements: { language: 'en', skills: [] },
  decidedAt: '2026-11-25T10:00:01.000Z',
};
const assigned: RoutingDecided = {
  ...base,
  decisionId: 'decision:assigned',
  outcome: 'assigned',
  agent: { agentId: 'agent-7', displayName: 'Ana Silva' },
};
const queued: RoutingDecided = {
  ...base,
  decisionId: 'decision:queued',
  outcome: 'queued',
  queue: { reason: 'all_agents_busy' },
};

function inLanguage(decision: RoutingDecided, language: string): RoutingDecided {
  return { ...decision, requirements: { ...decision.requirements, language } };
}

describe('HandoffService', () => {
  let sink: TracingSink;
  let handoff: HandoffService;

  beforeEach(async () => {
    sink = new TracingSink();
    ({ handoff } = await handoffService());
  });

  function assertHonoursContracts(): void {
    assert.ok(sink.emitted.length > 0, 'something was emitted');
    for (const { type, data } of sink.emitted) {
      const result = validator.validateData(type, data);
      assert.ok(result.ok, `${type} breaks its schema: ${result.ok ? '' : result.reason}`);
    }
  }

  const notice = (index = 0) => sink.emitted[index]!.data as Notice;
  const control = (index = 1) => sink.emitted[index]!.data as Control;

  it('on assignment, tells the customer which agent joined and then pauses the bot', () => {
    const before = Date.now();
    decideAfterEscalation(handoff, assigned, 'whatsapp', sink);

    assert.deepEqual(
      sink.emitted.map((e) => [e.type, e.id]),
      [
        [customerNotificationRequestedType, 'notice:decision:assigned'],
        [conversationControlRequestedType, 'control:decision:assigned'],
      ],
    );
    assert.equal(notice().notificationId, 'notice:decision:assigned');
    assert.equal(notice().conversationId, 'conv-1');
    assert.equal(notice().tenantId, 'acme');
    assert.equal(notice().template, 'handoff.agent_joined');
    assert.equal(notice().channel, 'whatsapp');
    assert.equal(notice().language, 'en');
    assert.match(notice().text, /Ana Silva/);
    assert.ok(Date.parse(notice().createdAt) >= before - 1);
    assert.equal(control().conversationId, 'conv-1');
    assert.equal(control().tenantId, 'acme');
    assert.equal(control().action, 'pause_bot');
    assert.equal(control().reason, 'agent_assigned');
    assert.equal(control().agentId, 'agent-7');
    assert.ok(Date.parse(control().requestedAt) >= before - 1);
    assertHonoursContracts();
  });

  it('when no agent will take it, tells the customer what the queue offers instead and resumes the bot', () => {
    for (const [policy, template] of [
      ['callback', 'handoff.callback'],
      ['leave_message', 'handoff.leave_message'],
      ['stay_with_bot', 'handoff.back_to_bot'],
      ['a_policy_from_later', 'handoff.back_to_bot'],
    ] as const) {
      sink = new TracingSink();
      const unserved = {
        ...base,
        decisionId: `decision:${policy}`,
        outcome: policy === 'callback' ? 'expired' : 'deflected',
        unserved: { policy, reason: 'no_agent_online' },
      } as RoutingDecided;
      decideAfterEscalation(handoff, unserved, 'web', sink);
      assert.equal(notice().template, template, policy);
      assert.equal(control().action, 'resume_bot');
      assert.equal(control().reason, 'no_agent_available');
      assertHonoursContracts();
    }
  });

  it('tells a queued customer their place and expected wait', () => {
    decideAfterEscalation(
      handoff,
      { ...queued, queue: { reason: 'all_agents_busy', position: 4, estimatedWaitSeconds: 130 } },
      'web',
      sink,
    );
    assert.match(notice().text, /number 4 in the queue\. The expected wait is about 3 minutes\./);
  });

  it('returns the record of an assignment', () => {
    assert.deepEqual(decideAfterEscalation(handoff, assigned, 'whatsapp', sink), {
      _id: 'decision:assigned',
      conversationId: 'conv-1',
      tenantId: 'acme',
      escalationId: 'esc:conv-1:m-1',
      outcome: 'assigned',
      agentId: 'agent-7',
      agentDisplayName: 'Ana Silva',
      decidedAt: new Date('2026-11-25T10:00:01.000Z'),
    });
  });

  it('when queued, tells the customer they wait and pauses the bot without an agent', () => {
    const record = decideAfterEscalation(handoff, queued, 'sms', sink);

    assert.equal(notice().template, 'handoff.queued');
    assert.equal(notice().channel, 'sms');
    assert.match(notice().text, /queue/);
    assert.equal(control().action, 'pause_bot');
    assert.equal(control().reason, 'queued_for_agent');
    assert.equal('agentId' in control(), false);
    assert.deepEqual(record, {
      _id: 'decision:queued',
      conversationId: 'conv-1',
      tenantId: 'acme',
      escalationId: 'esc:conv-1:m-1',
      outcome: 'queued',
      queueReason: 'all_agents_busy',
      decidedAt: new Date('2026-11-25T10:00:01.000Z'),
    });
    assertHonoursContracts();
  });

  it('emits nothing for a queued decision arriving after the conversation was assigned, but keeps its record', () => {
    decideAfterEscalation(handoff, assigned, 'whatsapp', sink);
    sink.emitted.length = 0;

    const record = decideAfterEscalation(handoff, queued, 'whatsapp', sink);

    assert.deepEqual(sink.emitted, []);
    assert.equal(record._id, 'decision:queued');
    assert.equal(record.outcome, 'queued');
  });

  it('remembers assignments per conversation: another conversation is still told it is queued', () => {
    decideAfterEscalation(handoff, assigned, 'whatsapp', sink);
    sink.emitted.length = 0;

    decideAfterEscalation(
      handoff,
      { ...queued, conversationId: 'conv-2', decisionId: 'decision:other' },
      'web',
      sink,
    );

    assert.deepEqual(
      sink.emitted.map((e) => e.id),
      ['notice:decision:other', 'control:decision:other'],
    );
  });

  it('tells the customer again when a queued conversation is then assigned', () => {
    decideAfterEscalation(handoff, queued, 'whatsapp', sink);
    decideAfterEscalation(handoff, assigned, 'whatsapp', sink);

    assert.deepEqual(
      sink.emitted.map((e) => e.id),
      [
        'notice:decision:queued',
        'control:decision:queued',
        'notice:decision:assigned',
        'control:decision:assigned',
      ],
    );
    assert.equal(notice(2).template, 'handoff.agent_joined');
  });

  it('writes the notice in the language the decision carries, falling back from the region', () => {
    decideAfterEscalation(handoff, inLanguage(assigned, 'pt-BR'), 'whatsapp', sink);

    assert.equal(notice().language, 'pt');
    assert.match(notice().text, /^Ana Silva entrou na conversa/);
    assertHonoursContracts();
  });

  it('writes the notice in each catalogued language, and in English for one without wording', () => {
    const languages = [
      ['es', 'es', /^Todos nuestros agentes/],
      ['fr', 'fr', /^Tous nos conseillers/],
      ['de-AT', 'de', /^Alle Mitarbeitenden/],
      ['ja', 'en', /^All our agents are busy/],
    ] as const;
    for (const [index, [language]] of languages.entries()) {
      decideAfterEscalation(
        handoff,
        {
          ...inLanguage(queued, language),
          conversationId: `conv-${index}`,
          decisionId: `decision-${index}`,
        },
        'web',
        sink,
      );
    }

    assert.deepEqual(
      languages.map((_, index) => notice(index * 2).language),
      languages.map(([, expected]) => expected),
    );
    languages.forEach(([, , text], index) => assert.match(notice(index * 2).text, text));
    assertHonoursContracts();
  });

  it('derives the same event ids when a decision is delivered again', () => {
    decideAfterEscalation(handoff, assigned, 'whatsapp', sink);
    decideAfterEscalation(handoff, assigned, 'whatsapp', sink);

    assert.deepEqual(
      sink.emitted.map((e) => e.id),
      [
        'notice:decision:assigned',
        'control:decision:assigned',
        'notice:decision:assigned',
        'control:decision:assigned',
      ],
    );
    assert.equal(notice(0).notificationId, notice(2).notificationId);
  });

  it('continues the trace of the decision when given one', () => {
    decideAfterEscalation(handoff, assigned, 'whatsapp', sink, traceparent);
    decideAfterEscalation(handoff, { ...queued, conversationId: 'conv-2' }, 'whatsapp', sink);

    assert.deepEqual(sink.traces, [traceparent, traceparent, undefined, undefined]);
  });

  it('emits nothing for an outcome it does not know, but still returns its record', () => {
    const unknown = {
      ...base,
      decisionId: 'decision:later',
      outcome: 'an_outcome_from_later',
    } as unknown as RoutingDecided;

    const record = decideAfterEscalation(handoff, unknown, 'whatsapp', sink);

    assert.deepEqual(sink.emitted, []);
    assert.deepEqual(record, {
      _id: 'decision:later',
      conversationId: 'conv-1',
      tenantId: 'acme',
      escalationId: 'esc:conv-1:m-1',
      outcome: 'an_outcome_from_later',
      decidedAt: new Date('2026-11-25T10:00:01.000Z'),
    });

    decideAfterEscalation(handoff, queued, 'whatsapp', sink);
    assert.equal(sink.emitted.length, 2, 'an unknown outcome is not taken for an assignment');
  });
});
