import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Test } from '@nestjs/testing';
import {
  EventValidator,
  conversationControlRequestedType,
  customerNotificationRequestedType,
  type EventDataByType,
  type RoutingDecided,
} from '@handoff/contracts';
import { RecordingSink } from '@handoff/messaging/testing';
import type { ConversationStatus } from '../conversations/conversation.schema.js';
import { ConversationsService } from '../conversations/conversations.service.js';
import { HandoffService } from './handoff.service.js';

type Notice = EventDataByType[typeof customerNotificationRequestedType];
type Control = EventDataByType[typeof conversationControlRequestedType];

/** Applies decisions the way the store does: a queued decision never replaces an assignment. */
class FakeConversations {
  status: ConversationStatus = 'awaiting_agent';
  language = 'en';
  readonly applied: RoutingDecided[] = [];

  async applyDecision(decision: RoutingDecided) {
    this.applied.push(decision);
    if (decision.outcome === 'assigned') this.status = 'assigned';
    else if (this.status !== 'assigned') this.status = 'queued';
    return {
      _id: decision.conversationId,
      tenantId: decision.tenantId,
      channel: 'whatsapp',
      language: this.language,
      status: this.status,
    };
  }
}

const validator = new EventValidator();

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

describe('HandoffService', () => {
  let conversations: FakeConversations;
  let publisher: RecordingSink;
  let handoff: HandoffService;

  beforeEach(async () => {
    conversations = new FakeConversations();
    publisher = new RecordingSink();
    const moduleRef = await Test.createTestingModule({
      providers: [HandoffService, { provide: ConversationsService, useValue: conversations }],
    }).compile();
    handoff = moduleRef.get(HandoffService);
  });

  function assertHonoursContracts(): void {
    for (const { type, data } of publisher.emitted) {
      const result = validator.validateData(type, data);
      assert.ok(result.ok, `${type} breaks its schema: ${result.ok ? '' : result.reason}`);
    }
  }

  it('on assignment, tells the customer who is coming and then pauses the bot', async () => {
    await handoff.applyDecision(assigned, publisher);

    assert.deepEqual(conversations.applied, [assigned]);
    assert.deepEqual(
      publisher.emitted.map((e) => [e.type, e.id]),
      [
        [customerNotificationRequestedType, 'notice:decision:assigned'],
        [conversationControlRequestedType, 'control:decision:assigned'],
      ],
    );
    const notice = publisher.emitted[0]!.data as Notice;
    assert.equal(notice.notificationId, 'notice:decision:assigned');
    assert.equal(notice.template, 'handoff.connecting');
    assert.equal(notice.channel, 'whatsapp');
    assert.equal(notice.language, 'en');
    assert.match(notice.text, /Ana Silva/);
    const control = publisher.emitted[1]!.data as Control;
    assert.equal(control.action, 'pause_bot');
    assert.equal(control.reason, 'agent_assigned');
    assert.equal(control.agentId, 'agent-7');
    assertHonoursContracts();
  });

  it('when queued, tells the customer they wait and pauses the bot without an agent', async () => {
    await handoff.applyDecision(queued, publisher);

    const notice = publisher.emitted[0]!.data as Notice;
    assert.equal(notice.template, 'handoff.queued');
    assert.match(notice.text, /queue/);
    const control = publisher.emitted[1]!.data as Control;
    assert.equal(control.action, 'pause_bot');
    assert.equal(control.reason, 'queued_for_agent');
    assert.equal('agentId' in control, false);
    assertHonoursContracts();
  });

  it('emits nothing for a queued decision arriving after the conversation was assigned', async () => {
    await handoff.applyDecision(assigned, publisher);
    publisher.emitted.length = 0;

    await handoff.applyDecision(queued, publisher);

    assert.equal(conversations.applied.length, 2);
    assert.deepEqual(publisher.emitted, []);
  });

  it('writes the notice in the conversation language, falling back from the region', async () => {
    conversations.language = 'pt-BR';

    await handoff.applyDecision(assigned, publisher);

    const notice = publisher.emitted[0]!.data as Notice;
    assert.equal(notice.language, 'pt');
    assert.match(notice.text, /^Estou conectando você com Ana Silva/);
    assertHonoursContracts();
  });

  it('derives the same event ids when a decision is delivered again', async () => {
    await handoff.applyDecision(assigned, publisher);
    await handoff.applyDecision(assigned, publisher);

    assert.deepEqual(
      publisher.emitted.map((e) => e.id),
      [
        'notice:decision:assigned',
        'control:decision:assigned',
        'notice:decision:assigned',
        'control:decision:assigned',
      ],
    );
  });
});
