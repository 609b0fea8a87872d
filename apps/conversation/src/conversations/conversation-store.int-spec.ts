import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RejectedEventError } from '@handoff/messaging';
import { uniqueName } from '@handoff/service-kit/testing';
import type { Model } from 'mongoose';
import type { ConversationRecord, DecisionRecord, MessageRecord } from './conversation.records.js';
import type { ConversationStore } from './conversation-store.js';
import {
  StoreUnderTest,
  at,
  conversation,
  decision,
  escalation,
  intruder,
  message,
  tenantId,
  variable,
} from './conversation-store.fixtures.js';

describe('ConversationStore against a real MongoDB-compatible store', () => {
  const storeUnderTest = new StoreUnderTest();
  let store: ConversationStore;
  let messageModel: Model<MessageRecord>;
  let conversationModel: Model<ConversationRecord>;
  let decisionModel: Model<DecisionRecord>;
  const startedConversation = (changes?: Partial<ConversationRecord>) =>
    storeUnderTest.startedConversation(changes);
  const viewOf = (conversationId: string) => storeUnderTest.viewOf(conversationId);

  before(async () => {
    await storeUnderTest.start();
    ({ store, messageModel, conversationModel, decisionModel } = storeUnderTest);
  });

  after(() => storeUnderTest.stop());

  describe('appending once', () => {
    it('stores the new records of a batch whose other records are there already, leaving those as they were', async () => {
      const conversationId = await startedConversation();
      await store.appendMessages([
        message(conversationId, 'm1', 1, 'Hola'),
        message(conversationId, 'm2', 2, 'Necesito ayuda'),
      ]);

      await store.appendMessages([
        message(conversationId, 'm1', 101, 'changed'),
        message(conversationId, 'm3', 3, 'Gracias'),
        message(conversationId, 'm2', 102, 'changed too'),
      ]);

      const stored = await messageModel.find({ conversationId }).sort({ seq: 1 }).lean();
      assert.deepEqual(
        stored.map(({ messageId, text, seq }) => [messageId, text, seq]),
        [
          ['m1', 'Hola', 1],
          ['m2', 'Necesito ayuda', 2],
          ['m3', 'Gracias', 3],
        ],
      );
    });

    it('accepts a batch that is entirely there already, and an empty one', async () => {
      const conversationId = await startedConversation();
      const batch = [message(conversationId, 'm1', 1), message(conversationId, 'm2', 2)];
      await store.appendMessages(batch);

      await store.appendMessages(batch);
      await store.appendMessages([batch[0]!]);
      await store.appendMessages([]);

      assert.equal(await messageModel.countDocuments({ conversationId }), 2);
    });

    it('stores a message delivered several times at the same moment once', async () => {
      const conversationId = await startedConversation();

      await Promise.all(
        Array.from({ length: 5 }, () =>
          store.appendMessages([message(conversationId, 'm2', 2, 'Necesito ayuda')]),
        ),
      );

      assert.equal(await messageModel.countDocuments({ conversationId }), 1);
    });

    it('appends escalations and decisions once too', async () => {
      const conversationId = await startedConversation();
      const assigned = decision(conversationId, 'assigned', `d_${conversationId}`);
      await store.appendEscalations([escalation(conversationId, `esc_${conversationId}`)]);
      await store.appendDecisions([assigned]);

      await store.appendEscalations([escalation(conversationId, `esc_${conversationId}`, at(9))]);
      await store.appendDecisions([{ ...assigned, agentId: 'agent-other' }]);

      const view = await viewOf(conversationId);
      assert.deepEqual(view.escalation?.requestedAt, at(2));
      assert.equal(view.assignment?.agentId, 'agent-ana');
      assert.equal(await decisionModel.countDocuments({ conversationId }), 1);
    });
  });

  describe('conversations and tenants', () => {
    it('accepts the same tenant starting a conversation again, changing nothing', async () => {
      const conversationId = await startedConversation();

      await store.appendConversations(
        [
          conversation(conversationId, {
            channel: 'web',
            language: 'en',
            customer: { customerId: 'someone-else' },
          }),
        ],
        0,
      );

      const view = await viewOf(conversationId);
      assert.equal(view.channel, 'whatsapp', 'the redelivered start changed nothing');
      assert.equal(view.language, 'es');
      assert.equal(view.customer.customerId, `cust_${conversationId}`);
      assert.equal(view.status, 'bot');
      assert.deepEqual(view.variables, {});
      assert.deepEqual(view.transcript, []);
    });

    it('refuses an id another tenant holds as a rejected event, and leaves the owner its conversation', async () => {
      const conversationId = await startedConversation();
      const fresh = uniqueName('conv');

      await assert.rejects(
        store.appendConversations(
          [
            conversation(fresh),
            conversation(conversationId, { tenantId: intruder, channel: 'web' }),
          ],
          0,
        ),
        (error: unknown) => {
          assert.ok(error instanceof RejectedEventError);
          assert.match(error.message, /already exists for another tenant/);
          return true;
        },
      );

      const owner = await conversationModel.findById(conversationId).lean();
      assert.equal(owner?.tenantId, tenantId);
      assert.equal(owner?.channel, 'whatsapp');
      assert.equal(await store.view(conversationId, intruder), null);
      assert.ok(await store.view(fresh, tenantId), 'the rest of the batch was stored');
    });

    it('keeps each tenant to its own conversations: another tenant can neither read nor change what the owner sees', async () => {
      const conversationId = await startedConversation();
      await store.appendMessages([message(conversationId, 'm1', 1)]);
      await store.appendVariables([variable(conversationId, 'topic', 'billing', 2)]);

      assert.equal(await store.view(conversationId, intruder), null);
      await store.appendMessages([
        { ...message(conversationId, 'm2', 3, 'injected'), tenantId: intruder },
      ]);
      await store.appendVariables([variable(conversationId, 'topic', 'hijacked', 4, intruder)]);
      await store.appendEscalations([
        escalation(conversationId, `esc_intruder_${conversationId}`, at(2), intruder),
      ]);
      await store.appendDecisions([
        decision(conversationId, 'assigned', undefined, at(3), intruder),
      ]);

      const untouched = await viewOf(conversationId);
      assert.equal(untouched.tenantId, tenantId);
      assert.equal(untouched.status, 'bot');
      assert.deepEqual(
        untouched.transcript.map((entry) => entry.messageId),
        ['m1'],
      );
      assert.deepEqual(untouched.variables, { topic: 'billing' });
      assert.equal(untouched.escalation, undefined);
      assert.equal(untouched.assignment, undefined);
      const [state] = (await store.loadStates([conversationId])).values();
      assert.deepEqual(
        state?.variables,
        { topic: 'billing' },
        "memory is not refilled with the intruder's values",
      );
    });
  });
});
