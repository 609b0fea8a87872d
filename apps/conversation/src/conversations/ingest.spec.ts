import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { deriveId } from '@handoff/contracts';
import { RejectedEventError } from '@handoff/messaging';
import { ConversationStates } from './conversation-states.js';
import {
  assertValidRecorded,
  collected,
  ended,
  ingestBatch,
  intruder,
  posted,
  started,
  tenantId,
  traceparent,
} from './ingest.fixtures.js';
import { ingest } from './ingest.js';
describe('ingest', () => {
  let states: ConversationStates;

  beforeEach(() => {
    states = new ConversationStates(1000);
  });

  describe('starts', () => {
    it('creates the conversation record and its state in memory', () => {
      const result = ingestBatch(states, [started('c1')]);

      assert.deepEqual(result.conversations, [
        {
          _id: 'c1',
          tenantId,
          channel: 'whatsapp',
          language: 'es',
          customer: { customerId: 'cust-c1', displayName: 'Carla', tier: 'gold' },
          startedAt: new Date('2026-11-25T10:00:00.000Z'),
        },
      ]);
      assert.ok(result.conversations[0]!.startedAt instanceof Date);
      assert.deepEqual(states.get('c1'), {
        tenantId,
        language: 'es',
        channel: 'whatsapp',
        variables: {},
        customerTier: 'gold',
      });
      assert.deepEqual([...result.touched], ['c1']);
      assert.deepEqual(result.messages, []);
      assert.deepEqual(result.variables, []);
      assert.deepEqual(result.recorded, []);
    });

    it('adds nothing for a start of a conversation already in memory for the same tenant', () => {
      ingestBatch(states, [started('c1'), collected('c1', 'topic', 'billing')]);

      const again = ingestBatch(states, [
        started('c1', { channel: 'web', language: 'en', customer: { customerId: 'someone-else' } }),
      ]);

      assert.deepEqual(again.conversations, []);
      assert.deepEqual(states.get('c1'), {
        tenantId,
        language: 'es',
        channel: 'whatsapp',
        variables: { topic: 'billing' },
        customerTier: 'gold',
      });
    });

    it('stores one record when the start is delivered twice in one batch', () => {
      const result = ingestBatch(states, [started('c1'), started('c1', { channel: 'web' })]);

      assert.equal(result.conversations.length, 1);
      assert.equal(result.conversations[0]!.channel, 'whatsapp');
    });

    it("refuses another tenant's start of a conversation in memory, as a rejected event", () => {
      ingestBatch(states, [started('c1')]);

      assert.throws(
        () => ingestBatch(states, [started('c1', { tenantId: intruder, channel: 'web' })]),
        (error: unknown) => {
          assert.ok(error instanceof RejectedEventError);
          assert.match(error.message, /c1 already exists for another tenant/);
          return true;
        },
      );
      assert.deepEqual(states.get('c1'), {
        tenantId,
        language: 'es',
        channel: 'whatsapp',
        variables: {},
        customerTier: 'gold',
      });
    });
  });

  describe('messages', () => {
    it('records each message by a deterministic id, in partition order, with its bot details', () => {
      const result = ingestBatch(
        states,
        [
          started('c1'),
          posted('c1', 'm1', { text: 'Hola' }),
          posted('c1', 'm2', {
            sender: 'bot',
            text: '¿En qué puedo ayudarte?',
            bot: { intent: 'greeting', confidence: 0.9, fallback: false },
          }),
        ],
        41,
      );

      assert.deepEqual(result.messages, [
        {
          _id: deriveId('msg', 'c1', 'm1'),
          conversationId: 'c1',
          tenantId,
          messageId: 'm1',
          sender: 'customer',
          text: 'Hola',
          sentAt: new Date('2026-11-25T10:01:00.000Z'),
          seq: 42,
        },
        {
          _id: deriveId('msg', 'c1', 'm2'),
          conversationId: 'c1',
          tenantId,
          messageId: 'm2',
          sender: 'bot',
          text: '¿En qué puedo ayudarte?',
          sentAt: new Date('2026-11-25T10:01:00.000Z'),
          bot: { intent: 'greeting', confidence: 0.9, fallback: false },
          seq: 43,
        },
      ]);
      assert.equal('bot' in result.messages[0]!, false, 'a customer message has no bot details');
      assert.equal(result.messages[0]!._id, 'msg:c1:m1');
    });

    it('takes seq from offsets beyond the safe range of small numbers', () => {
      const result = ingest(
        [started('c1'), posted('c1', 'm1')],
        ['9007199254740000', '9007199254740001'],
        0,
        states,
        new Map(),
        new Set(),
      );

      assert.equal(result.messages[0]!.seq, 9007199254740001);
    });

    it('republishes each message with the conversation context and a deterministic id', () => {
      const result = ingestBatch(states, [
        started('c1', { language: 'pt-BR', channel: 'sms' }),
        posted('c1', 'm1', { text: 'Oi' }, traceparent),
        posted('c1', 'm2'),
      ]);

      assert.deepEqual(result.recorded[0], {
        id: deriveId('recorded', 'c1', 'm1'),
        traceparent,
        data: {
          conversationId: 'c1',
          tenantId,
          language: 'pt-BR',
          channel: 'sms',
          message: {
            messageId: 'm1',
            sender: 'customer',
            text: 'Oi',
            sentAt: '2026-11-25T10:01:00.000Z',
          },
          variables: {},
          customerTier: 'gold',
          fallbacks: 0,
          agentHolds: false,
        },
      });
      assert.equal(
        'traceparent' in result.recorded[1]!,
        false,
        'no trace is invented for an event without one',
      );
      assertValidRecorded(result);
    });

    it('gives each message the variables collected before it in the batch, as they were then', () => {
      const result = ingestBatch(states, [
        started('c1'),
        posted('c1', 'm0'),
        collected('c1', 'topic', 'shipping'),
        posted('c1', 'm1'),
        collected('c1', 'topic', 'billing'),
        collected('c1', 'order_number', 48213),
        collected('c1', 'is_repeat', true),
        posted('c1', 'm2'),
      ]);

      assert.deepEqual(
        result.recorded.map(({ data }) => [data.message.messageId, data.variables]),
        [
          ['m0', {}],
          ['m1', { topic: 'shipping' }],
          ['m2', { topic: 'billing', order_number: 48213, is_repeat: true }],
        ],
      );
      assertValidRecorded(result);
    });

    it('hands out snapshots: later changes to the conversation do not reach events already produced', () => {
      const first = ingestBatch(states, [
        started('c1'),
        collected('c1', 'topic', 'shipping'),
        posted('c1', 'm1'),
      ]);
      const recorded = first.recorded[0]!.data;
      assert.notEqual(recorded.variables, states.get('c1')!.variables);

      ingestBatch(
        states,
        [collected('c1', 'topic', 'billing'), collected('c1', 'extra', 'x')],
        2000,
      );

      assert.deepEqual(recorded.variables, { topic: 'shipping' });
    });

    it('uses variables collected in earlier batches', () => {
      ingestBatch(states, [started('c1'), collected('c1', 'topic', 'shipping')]);

      const later = ingestBatch(states, [posted('c1', 'm1')], 2000);

      assert.deepEqual(later.recorded[0]!.data.variables, { topic: 'shipping' });
    });

    it('keeps conversations apart within a batch', () => {
      const result = ingestBatch(states, [
        started('c1'),
        started('c2', { language: 'fr', channel: 'web' }),
        collected('c1', 'topic', 'billing'),
        posted('c2', 'm1'),
        posted('c1', 'm1'),
      ]);

      assert.deepEqual(
        result.recorded.map(({ id, data }) => [id, data.language, data.channel, data.variables]),
        [
          ['recorded:c2:m1', 'fr', 'web', {}],
          ['recorded:c1:m1', 'es', 'whatsapp', { topic: 'billing' }],
        ],
      );
      assert.deepEqual(
        result.messages.map(({ _id }) => _id),
        ['msg:c2:m1', 'msg:c1:m1'],
      );
    });

    it('produces the same records and event ids when the events are delivered again', () => {
      const events = [posted('c1', 'm1'), collected('c1', 'topic', 'billing'), posted('c1', 'm2')];
      ingestBatch(states, [started('c1')]);

      const first = ingestBatch(states, events, 2000);
      const again = ingestBatch(states, events, 2000);

      assert.deepEqual(again.messages, first.messages);
      assert.deepEqual(again.variables, first.variables);
      assert.deepEqual(
        again.recorded.map(({ id }) => id),
        first.recorded.map(({ id }) => id),
      );
    });

    it('hashes ids that would be too long, still deterministically', () => {
      const conversationId = `c${'x'.repeat(120)}`;
      const result = ingestBatch(states, [started(conversationId), posted(conversationId, 'm1')]);

      assert.equal(result.messages[0]!._id, deriveId('msg', conversationId, 'm1'));
      assert.ok(result.messages[0]!._id.length <= 128);
      assert.ok(result.recorded[0]!.id.length <= 128);
      assertValidRecorded(result);
    });
  });

  describe('ends', () => {
    it('closes a conversation that ended, for those who hold a slot or a queue place for it', () => {
      const end = ended('c1', { reason: 'customer_left' });
      const result = ingestBatch(states, [started('c1'), end]);
      assert.deepEqual(result.closed, [
        {
          id: deriveId('closed', 'c1', end.id),
          data: {
            conversationId: 'c1',
            tenantId,
            reason: 'customer_left',
            closedAt: '2026-11-25T10:09:00.000Z',
          },
        },
      ]);
    });

    it("refuses another tenant's end of a conversation, as a rejected event", () => {
      ingestBatch(states, [started('c1')]);
      assert.throws(
        () => ingestBatch(states, [ended('c1', { tenantId: intruder })]),
        RejectedEventError,
      );
    });
  });
});
