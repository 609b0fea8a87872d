import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EventValidator,
  Topics,
  cloudEventContentType,
  createEvent,
  type EventDataByType,
  type EventTopic,
  type TopicPayloads,
} from '@handoff/contracts';
import { EventBatch } from './event-batch.js';

const source = '/handoff/routing';
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const escalation = createEvent(
  'handoff.escalation.requested',
  {
    escalationId: 'esc-1',
    conversationId: 'conv-1',
    tenantId: 'acme',
    language: 'en',
    trigger: {
      kind: 'explicit_request',
      explanation: 'The customer asked for a human',
      messageId: 'msg-3',
    },
    sentiment: { score: -0.4, label: 'negative' },
    variables: {},
    requestedAt: '2026-11-25T10:00:00.000Z',
  },
  { source: '/handoff/conversation' },
);

const control = {
  conversationId: 'conv-1',
  tenantId: 'acme',
  action: 'pause_bot',
  reason: 'agent_assigned',
  agentId: 'agent-7',
  requestedAt: '2026-11-25T10:00:05.000Z',
} as const;

function newBatch(): EventBatch<typeof Topics.Escalations> {
  return new EventBatch(
    Topics.Escalations,
    4,
    [escalation as TopicPayloads[typeof Topics.Escalations]],
    source,
  );
}

describe('EventBatch', () => {
  it('queues an emitted event as a structured CloudEvent for the topic of its type, keyed by its aggregate', () => {
    const batch = newBatch();

    batch.emit('handoff.conversation.control.requested', control, {
      id: 'control:esc-1',
      traceparent,
    });

    assert.equal(batch.pending.length, 1);
    const [{ topic, message }] = batch.pending as [(typeof batch.pending)[number]];
    assert.equal(topic, Topics.ConversationControl);
    assert.equal(message.key, 'conv-1');
    assert.deepEqual(message.headers, { 'content-type': cloudEventContentType });
    const event = JSON.parse(String(message.value));
    assert.equal(event.type, 'handoff.conversation.control.requested');
    assert.equal(event.id, 'control:esc-1');
    assert.equal(event.traceparent, traceparent);
    assert.equal(event.source, source);
    assert.equal(event.partitionkey, 'conv-1');
    assert.deepEqual(event.data, control);
    const check = new EventValidator().check(topic as EventTopic, {
      key: message.key as string,
      value: message.value as string,
    });
    assert.equal(check.kind, 'event', JSON.stringify(check));
  });

  it('gives an emitted event a fresh id and no traceparent when none is given', () => {
    const batch = newBatch();

    batch.emit('handoff.conversation.control.requested', control);
    batch.emit('handoff.conversation.control.requested', control);

    const [first, second] = batch.pending.map(({ message }) => JSON.parse(String(message.value)));
    assert.notEqual(first.id, second.id);
    assert.equal('traceparent' in first, false);
  });

  it('keeps emitted events in the order they were emitted, across topics', () => {
    const batch = newBatch();

    batch.emit('handoff.conversation.control.requested', control, { id: 'a' });
    batch.emit('handoff.customer.notification.requested', notification('conv-1'), { id: 'b' });
    batch.emit(
      'handoff.conversation.control.requested',
      { ...control, action: 'resume_bot' },
      { id: 'c' },
    );

    assert.deepEqual(
      batch.pending.map(({ topic, message }) => [topic, JSON.parse(String(message.value)).id]),
      [
        [Topics.ConversationControl, 'a'],
        [Topics.CustomerNotifications, 'b'],
        [Topics.ConversationControl, 'c'],
      ],
    );
  });

  it('refuses, at emit, an event larger than its topic takes', () => {
    const batch = newBatch();
    const huge = { ...notification('conv-1'), text: 'x'.repeat(800 * 1024) };

    assert.throws(
      () => batch.emit('handoff.customer.notification.requested', huge),
      /over the 786432-byte limit of handoff\.customer\.notifications\.v1/,
    );
    assert.equal(batch.pending.length, 0);
  });

  it('rolls back by running the undo steps newest first and dropping what was queued', () => {
    const batch = newBatch();
    const undone: string[] = [];
    batch.onFailure(() => undone.push('first'));
    batch.emit('handoff.conversation.control.requested', control);
    batch.onFailure(() => undone.push('second'));
    batch.onFailure(() => undone.push('third'));

    batch.rollBack();

    assert.deepEqual(undone, ['third', 'second', 'first']);
    assert.deepEqual(batch.pending, []);
  });

  it('runs each undo step once, even if rolled back twice', () => {
    const batch = newBatch();
    let undone = 0;
    batch.onFailure(() => undone++);

    batch.rollBack();
    batch.rollBack();

    assert.equal(undone, 1);
  });

  it('runs the writes that wait for publication once, in order, when told the batch is published', async () => {
    const batch = new EventBatch(Topics.ConversationEvents, 0, [], '/tests');
    const done: string[] = [];
    batch.afterPublished(async () => void done.push('first'));
    batch.afterPublished(async () => void done.push('second'));
    assert.deepEqual(done, [], 'nothing before the batch is published');
    await batch.published();
    await batch.published();
    assert.deepEqual(done, ['first', 'second']);
  });
});

function notification(
  conversationId: string,
): EventDataByType['handoff.customer.notification.requested'] {
  return {
    notificationId: 'notif-1',
    conversationId,
    tenantId: 'acme',
    channel: 'web',
    language: 'en',
    template: 'handoff.queued',
    text: 'An agent will be with you shortly.',
    createdAt: '2026-11-25T10:00:06.000Z',
  };
}
