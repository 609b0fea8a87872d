import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { deriveId, maxVariablesPerConversation } from '@handoff/contracts';
import { RejectedEventError } from '@handoff/messaging';
import { ConversationStates } from './conversation-states.js';
import {
  assertValidRecorded,
  collected,
  ingestBatch,
  intruder,
  posted,
  started,
  tenantId,
  variablesOf,
} from './ingest.fixtures.js';
import { TooManyVariablesError, UnknownConversationError, conversationsToLoad } from './ingest.js';
describe('ingest', () => {
  let states: ConversationStates;

  beforeEach(() => {
    states = new ConversationStates(1000);
  });

  describe('variables', () => {
    it('keeps strings, numbers and booleans, a later value replacing an earlier one of the same name', () => {
      const firstTopic = collected('c1', 'topic', 'shipping', {
        collectedAt: '2026-11-25T10:00:10.000Z',
      });
      const result = ingestBatch(
        states,
        [
          started('c1'),
          firstTopic,
          collected('c1', 'order_number', 48213),
          collected('c1', 'is_repeat', true),
          collected('c1', 'refund', 0),
          collected('c1', 'vip', false),
          collected('c1', 'topic', 'billing'),
        ],
        10,
      );

      assert.deepEqual(states.get('c1')!.variables, {
        topic: 'billing',
        order_number: 48213,
        is_repeat: true,
        refund: 0,
        vip: false,
      });
      assert.equal(
        result.variables.length,
        6,
        'every collection is a record; the view keeps the latest',
      );
      assert.deepEqual(result.variables[0], {
        _id: deriveId('var', 'c1', firstTopic.id),
        conversationId: 'c1',
        tenantId,
        name: 'topic',
        value: 'shipping',
        collectedAt: new Date('2026-11-25T10:00:10.000Z'),
        seq: 11,
      });
      assert.deepEqual(
        result.variables.map(({ name, value, seq }) => [name, value, seq]),
        [
          ['topic', 'shipping', 11],
          ['order_number', 48213, 12],
          ['is_repeat', true, 13],
          ['refund', 0, 14],
          ['vip', false, 15],
          ['topic', 'billing', 16],
        ],
      );
    });

    it('ids each variable record by the event that carried it', () => {
      const event = collected('c1', 'topic', 'billing');
      ingestBatch(states, [started('c1')]);

      const result = ingestBatch(states, [event]);

      assert.equal(result.variables[0]!._id, `var:c1:${event.id}`);
    });

    it(`refuses the distinct variable after ${maxVariablesPerConversation}, but still updates one it holds`, () => {
      ingestBatch(states, [started('c1'), ...variablesOf(maxVariablesPerConversation)]);
      assert.equal(Object.keys(states.get('c1')!.variables).length, maxVariablesPerConversation);

      assert.throws(
        () => ingestBatch(states, [collected('c1', 'one_too_many', 'x')], 5000),
        (error: unknown) => {
          assert.ok(error instanceof TooManyVariablesError);
          assert.ok(error instanceof RejectedEventError, 'a rejected event: retrying cannot help');
          assert.match(error.message, /already holds 64 variables; one_too_many is one too many/);
          return true;
        },
      );
      assert.equal('one_too_many' in states.get('c1')!.variables, false);

      const update = ingestBatch(
        states,
        [collected('c1', 'var_7', 'updated'), posted('c1', 'm1')],
        6000,
      );
      assert.equal(update.variables.length, 1);
      assert.equal(states.get('c1')!.variables['var_7'], 'updated');
      assert.equal(
        Object.keys(update.recorded[0]!.data.variables).length,
        maxVariablesPerConversation,
      );
      assertValidRecorded(update);
    });

    it('counts the limit within a single batch too', () => {
      assert.throws(
        () => ingestBatch(states, [started('c1'), ...variablesOf(maxVariablesPerConversation + 1)]),
        TooManyVariablesError,
      );
    });
  });

  describe('conversations it does not know', () => {
    for (const [kind, event] of [
      ['a message', () => posted('never-started', 'm1')],
      ['a variable', () => collected('never-started', 'topic', 'x')],
    ] as const) {
      it(`refuses ${kind} for a conversation that never started, as a rejected event`, () => {
        assert.throws(
          () => ingestBatch(states, [event()]),
          (error: unknown) => {
            assert.ok(error instanceof UnknownConversationError);
            assert.ok(error instanceof RejectedEventError);
            assert.match(
              error.message,
              /conversation never-started of tenant acme has not started/,
            );
            return true;
          },
        );
        assert.equal(states.has('never-started'), false);
      });
    }

    it("refuses another tenant's messages and variables, leaving the conversation as it was", () => {
      ingestBatch(states, [started('c1'), collected('c1', 'topic', 'billing')]);

      assert.throws(
        () => ingestBatch(states, [posted('c1', 'm2', { tenantId: intruder, text: 'injected' })]),
        UnknownConversationError,
      );
      assert.throws(
        () => ingestBatch(states, [collected('c1', 'topic', 'hijacked', { tenantId: intruder })]),
        UnknownConversationError,
      );
      assert.deepEqual(states.get('c1'), {
        tenantId,
        language: 'es',
        channel: 'whatsapp',
        variables: { topic: 'billing' },
        customerTier: 'gold',
      });
    });
  });

  it('lists the conversations the batch changed', () => {
    ingestBatch(states, [started('idle'), started('c2')]);

    const result = ingestBatch(states, [
      started('c1'),
      posted('c2', 'm1'),
      collected('c1', 'topic', 'x'),
    ]);

    assert.deepEqual([...result.touched].sort(), ['c1', 'c2']);
  });

  it('emits data that honours the message.recorded contract for every sender and variable type', () => {
    const result = ingestBatch(states, [
      started('c1', { language: 'zh-Hant-TW', channel: 'voice' }),
      collected('c1', 'A_name-with-dash', 'x'.repeat(1000)),
      collected('c1', '_n', -1.5),
      collected('c1', 'b', false),
      posted('c1', 'm1', { sender: 'bot', text: 'x'.repeat(8000), bot: { fallback: true } }),
      posted('c1', 'm2', { sender: 'agent_whisper' }),
    ]);

    assert.equal(result.recorded.length, 2);
    assertValidRecorded(result);
  });
});

describe('conversationsToLoad', () => {
  it('names the conversations of messages and variables that are neither in memory nor started earlier in the batch', () => {
    const states = new ConversationStates(10);
    ingestBatch(states, [started('in-memory')]);

    const toLoad = conversationsToLoad(
      [
        posted('in-memory', 'm1'),
        started('started-here'),
        collected('started-here', 'topic', 'x'),
        posted('stored', 'm1'),
        collected('stored', 'topic', 'x'),
        collected('elsewhere', 'topic', 'x'),
        posted('started-later', 'm1'),
        started('started-later'),
      ],
      states,
    );

    assert.deepEqual(toLoad, ['stored', 'elsewhere', 'started-later']);
  });

  it('names nothing for a batch of starts', () => {
    assert.deepEqual(
      conversationsToLoad([started('a'), started('b')], new ConversationStates(10)),
      [],
    );
  });

  it('does not change the order of the cache', () => {
    const states = new ConversationStates(2);
    ingestBatch(states, [started('a'), started('b')]);

    conversationsToLoad([posted('a', 'm1')], states);
    states.set('c', 0, { tenantId, language: 'en', channel: 'web', variables: {} });

    assert.equal(states.has('a'), false, 'looking did not make "a" recently used');
    assert.equal(states.has('b'), true);
  });
});

// Inputs that once broke ingest: each test keeps its fix in place.
describe('ingest: names and batch sizes that once broke it', () => {
  it('refuses a 65th variable whatever its name, so message.recorded stays within the contract', () => {
    const states = new ConversationStates(10);
    ingestBatch(states, [started('c1'), ...variablesOf(maxVariablesPerConversation)]);

    assert.throws(
      () => ingestBatch(states, [collected('c1', 'constructor', 'x')], 5000),
      TooManyVariablesError,
    );
  });

  it('keeps a variable named __proto__ like any other name the contract allows', () => {
    const states = new ConversationStates(10);
    const result = ingestBatch(states, [
      started('c1'),
      collected('c1', '__proto__', 'x'),
      posted('c1', 'm1'),
    ]);

    assert.deepEqual(Object.entries(result.recorded[0]!.data.variables), [['__proto__', 'x']]);
  });

  it('applies a batch that names more conversations than the cache holds', () => {
    const states = new ConversationStates(2);

    const result = ingestBatch(states, [
      started('a'),
      started('b'),
      started('c'),
      posted('a', 'm1'),
    ]);

    assert.equal(result.recorded.length, 1);
  });
});
