import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  EventValidator,
  customerNotificationRequestedType,
  type CustomerNotificationRequested,
  type RoutingDecided,
} from '@handoff/contracts';
import { RecordingSink } from '@handoff/messaging/testing';
import type { TenantTemplates } from '../notifications/tenant-templates/tenant-templates.js';
import {
  decideAfterEscalation,
  escalationOf,
  handoffService,
  positionUpdateIntervalMs,
} from './handoff.fixtures.js';
import type { HandoffService } from './handoff.service.js';

const validator = new EventValidator();
const decidedAt = Date.parse('2026-11-25T10:00:00.000Z');
const base = {
  escalationId: 'esc:conv-1:m-1',
  conversationId: 'conv-1',
  tenantId: 'acme',
  requirements: { language: 'es', skills: [] },
};

function queuedAt(secondsLater: number, position?: number, estimatedWaitSeconds?: number) {
  return {
    ...base,
    decisionId: `decision:queued:${secondsLater}`,
    outcome: 'queued',
    queue: {
      reason: 'all_agents_busy',
      ...(position ? { position } : {}),
      ...(estimatedWaitSeconds !== undefined ? { estimatedWaitSeconds } : {}),
    },
    decidedAt: new Date(decidedAt + secondsLater * 1000).toISOString(),
  } as RoutingDecided;
}

function assignedAt(secondsLater: number, overrides: Partial<RoutingDecided> = {}): RoutingDecided {
  return {
    ...queuedAt(secondsLater),
    outcome: 'assigned',
    agent: { agentId: 'a', displayName: 'Ana' },
    ...overrides,
  };
}

const escalation = { ...escalationOf(assignedAt(0)), language: 'pt-BR' };

/** A sink whose batch fails: `fail()` runs the undos the batch was given, last first. */
function failingSink() {
  const undos: (() => void)[] = [];
  const sink = Object.assign(new RecordingSink(), {
    onFailure: (undo: () => void) => undos.push(undo),
  });
  return { sink, fail: () => undos.reverse().forEach((undo) => undo()) };
}

describe('HandoffService notices', () => {
  let sink: RecordingSink;
  let handoff: HandoffService;
  let templates: TenantTemplates;

  beforeEach(async () => {
    sink = new RecordingSink();
    ({ handoff, templates } = await handoffService());
  });

  const notices = (from: RecordingSink = sink) =>
    from.emitted
      .filter((event) => event.type === customerNotificationRequestedType)
      .map((event) => event.data as CustomerNotificationRequested);

  it('tells the customer they are being connected when the escalation arrives, with an id from it', () => {
    handoff.startHandoff(
      escalation,
      'whatsapp',
      sink,
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    );

    assert.deepEqual(
      sink.emitted.map((event) => event.id),
      ['notice:esc:conv-1:m-1'],
    );
    assert.equal(notices()[0]!.template, 'handoff.connecting');
    assert.equal(notices()[0]!.language, 'pt');
    assert.match(notices()[0]!.text, /^Estou conectando você com um atendente,/);
    assert.ok(validator.validateData(customerNotificationRequestedType, notices()[0]!).ok);
  });

  it('tells "connecting" once per escalation, first, even when a decision is read before the escalation', async () => {
    const deflected = { ...assignedAt(0), outcome: 'deflected' } as RoutingDecided;
    for (const decision of [queuedAt(0, 2), assignedAt(0), deflected]) {
      const fresh = (await handoffService()).handoff;
      const told = new RecordingSink();
      fresh.applyDecision(decision, 'web', told);
      fresh.startHandoff(escalation, 'web', told);
      fresh.applyDecision({ ...assignedAt(9), decisionId: 'decision:later' }, 'web', told);
      const templates = notices(told).map(({ template }) => template);
      assert.equal(templates[0], 'handoff.connecting', decision.outcome);
      assert.equal(templates.filter((t) => t === 'handoff.connecting').length, 1, decision.outcome);
      assert.equal(told.emitted[0]!.id, 'notice:esc:conv-1:m-1', 'the id of the escalation');
    }
  });

  it('tells "connecting" for a new escalation after the decisions of an earlier one', () => {
    handoff.startHandoff({ ...escalation, escalationId: 'esc:conv-1:m-0' }, 'web', sink);
    decideAfterEscalation(
      handoff,
      { ...assignedAt(0), escalationId: 'esc:conv-1:m-0' },
      'web',
      sink,
    );
    handoff.startHandoff(escalation, 'web', sink);
    assert.deepEqual(
      notices().map(({ template }) => template),
      ['handoff.connecting', 'handoff.agent_joined', 'handoff.connecting'],
    );
  });

  it('tells "connecting" again when the escalation is redelivered after its batch failed', () => {
    const failing = failingSink();
    handoff.startHandoff(escalation, 'web', failing.sink);
    failing.fail();
    handoff.startHandoff(escalation, 'web', sink);
    assert.equal(notices()[0]?.template, 'handoff.connecting');
  });

  it('tells a queued customer once, then their new place, at most once per interval', () => {
    const interval = positionUpdateIntervalMs / 1000;
    decideAfterEscalation(handoff, queuedAt(0, 5, 600), 'web', sink);
    decideAfterEscalation(handoff, queuedAt(1, 5, 600), 'web', sink); // nothing new
    decideAfterEscalation(handoff, queuedAt(2, 4, 540), 'web', sink); // too soon
    decideAfterEscalation(handoff, queuedAt(interval, 4, 540), 'web', sink);
    decideAfterEscalation(handoff, queuedAt(interval + 1, 2, 120), 'web', sink); // too soon again
    decideAfterEscalation(handoff, queuedAt(2 * interval + 1, 1, 30), 'web', sink);

    assert.deepEqual(
      notices().map(({ template, text }) => [template, text]),
      [
        ['handoff.queued', notices()[0]!.text],
        [
          'handoff.position_update',
          'Ahora eres el número 4 en la cola. La espera estimada es de unos 9 minutos.',
        ],
        [
          'handoff.position_update',
          'Ahora eres el número 1 en la cola. La espera estimada es de un minuto.',
        ],
      ],
    );
    assert.match(
      notices()[0]!.text,
      /Eres el número 5 en la cola\. La espera estimada es de unos 10 minutos\.$/,
    );
    assert.equal(
      sink.emitted.filter((event) => event.type !== customerNotificationRequestedType).length,
      6,
      'every queued decision still pauses the bot, as before',
    );
  });

  it('forgets a place it told when the batch that told it fails, so the redelivery tells it again', () => {
    const failing = failingSink();
    decideAfterEscalation(handoff, queuedAt(0, 3), 'web', failing.sink);
    failing.fail();

    decideAfterEscalation(handoff, queuedAt(0, 3), 'web', sink);
    assert.equal(notices()[0]!.template, 'handoff.queued');
  });

  it('starts afresh for the decisions of another escalation of the same conversation', () => {
    decideAfterEscalation(handoff, assignedAt(0), 'web', sink);
    decideAfterEscalation(
      handoff,
      { ...queuedAt(5, 2), escalationId: 'esc:conv-1:m-9' },
      'web',
      sink,
    );
    assert.deepEqual(
      notices().map(({ template }) => template),
      ['handoff.agent_joined', 'handoff.queued'],
    );
  });

  it('tells where a transfer goes, and the place in the new queue right after', () => {
    decideAfterEscalation(handoff, assignedAt(0), 'web', sink);
    decideAfterEscalation(
      handoff,
      {
        ...queuedAt(1),
        decisionId: 'decision:transfer',
        outcome: 'transferred',
        transfer: { fromAgentId: 'a', toQueue: 'Facturación' },
      },
      'web',
      sink,
    );
    decideAfterEscalation(handoff, queuedAt(2, 3), 'web', sink);

    assert.deepEqual(
      notices().map(({ template, text }) => [template, text]),
      [
        ['handoff.agent_joined', notices()[0]!.text],
        [
          'handoff.transferred',
          'Te estoy transfiriendo a Facturación. Podrá ver nuestra conversación.',
        ],
        ['handoff.position_update', 'Ahora eres el número 3 en la cola.'],
      ],
    );
    assert.deepEqual(
      sink.emitted.map((event) => event.id),
      [
        'notice:decision:queued:0',
        'control:decision:queued:0',
        'notice:decision:transfer',
        'notice:decision:queued:2',
        'control:decision:queued:2',
      ],
      'a transfer leaves the bot paused',
    );
  });

  it('tells the customer the queue is closed when business hours are over, whatever the policy', () => {
    decideAfterEscalation(
      handoff,
      {
        ...queuedAt(0),
        outcome: 'deflected',
        unserved: { policy: 'leave_message', reason: 'outside_business_hours' },
      },
      'web',
      sink,
    );
    assert.equal(notices()[0]!.template, 'handoff.closed_hours');
    assert.match(notices()[0]!.text, /^Ahora estamos cerrados/);
  });

  it("words the notices in the tenant's newest set", () => {
    templates.keep({
      tenantId: 'acme',
      version: 2,
      templates: { 'handoff.agent_joined': { es: '¡{agentName} de Acme al habla!' } },
    });
    templates.keep({
      tenantId: 'acme',
      version: 1,
      templates: { 'handoff.agent_joined': { es: 'old' } },
    });
    decideAfterEscalation(handoff, assignedAt(0), 'web', sink);
    decideAfterEscalation(
      handoff,
      assignedAt(0, { tenantId: 'other', conversationId: 'conv-2' }),
      'web',
      sink,
    );

    assert.equal(notices()[0]!.text, '¡Ana de Acme al habla!');
    assert.match(
      notices()[1]!.text,
      /^Ana se ha unido a la conversación/,
      'another tenant keeps the platform wording',
    );
  });
});
