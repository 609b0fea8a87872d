import type { FallbackRecord, ProfileRecord } from './context.records.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  Topics,
  conversationStartedType,
  createEvent,
  messagePostedType,
  messageRecordedType,
  variableCollectedType,
  type MessageRecorded,
} from '@handoff/contracts';
import { EventBatch, PartitionOwnership, RejectedEventError } from '@handoff/messaging';
import type {
  ConversationRecord,
  CsatRecord,
  MessageRecord,
  VariableRecord,
} from './conversation.records.js';
import { ConversationEventsConsumer } from './conversation-events.consumer.js';
import { ContextMemory } from './context-memory.js';
import { ConversationStates, type ConversationState } from './conversation-states.js';
import type { ConversationStore } from './conversation-store.js';
import type { ConversationEvent } from './ingest.js';

const tenantId = 'acme';
const topic = Topics.ConversationEvents;
let nextId = 0;

const started = (
  conversationId: string,
  channel = 'whatsapp',
  language = 'es',
): ConversationEvent =>
  createEvent(
    conversationStartedType,
    {
      conversationId,
      tenantId,
      channel,
      language,
      customer: { customerId: 'cust' },
      startedAt: '2026-11-25T10:00:00.000Z',
    },
    { source: '/tests', id: `e${++nextId}` },
  );
const posted = (conversationId: string, messageId: string): ConversationEvent =>
  createEvent(
    messagePostedType,
    {
      conversationId,
      tenantId,
      messageId,
      sender: 'customer',
      text: 'hola',
      sentAt: '2026-11-25T10:01:00.000Z',
    },
    { source: '/tests', id: `e${++nextId}` },
  );
const collected = (
  conversationId: string,
  name: string,
  value: string | number | boolean,
): ConversationEvent =>
  createEvent(
    variableCollectedType,
    { conversationId, tenantId, name, value, collectedAt: '2026-11-25T10:00:30.000Z' },
    { source: '/tests', id: `e${++nextId}` },
  );

/** The store as the consumer sees it: append-once by id, another tenant's conversation refused. */
class FakeStore {
  readonly conversations = new Map<string, ConversationRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly variables = new Map<string, VariableRecord>();
  failNextMessages = false;

  async appendConversations(records: readonly ConversationRecord[]): Promise<string[]> {
    const storedBefore: string[] = [];
    for (const record of records) {
      const owner = this.conversations.get(record._id);
      if (owner && owner.tenantId !== record.tenantId)
        throw new RejectedEventError('another tenant');
      if (owner) storedBefore.push(record._id);
      else this.conversations.set(record._id, record);
    }
    return storedBefore;
  }

  async appendMessages(records: readonly MessageRecord[]): Promise<void> {
    if (this.failNextMessages) {
      this.failNextMessages = false;
      throw new Error('store unreachable');
    }
    for (const record of records)
      if (!this.messages.has(record._id)) this.messages.set(record._id, record);
  }

  async appendVariables(records: readonly VariableRecord[]): Promise<void> {
    for (const record of records)
      if (!this.variables.has(record._id)) this.variables.set(record._id, record);
  }

  readonly csat: CsatRecord[] = [];

  async appendCsat(records: readonly CsatRecord[]): Promise<void> {
    this.csat.push(...records);
  }

  readonly fallbacks = new Map<string, FallbackRecord>();
  readonly profiles = new Map<string, ProfileRecord>();

  async appendFallbacks(records: readonly FallbackRecord[]): Promise<void> {
    for (const record of records) this.fallbacks.set(record._id, record);
  }

  async appendProfiles(records: readonly ProfileRecord[]): Promise<void> {
    for (const record of records) this.profiles.set(record._id, record);
  }

  async loadStates(ids: readonly string[]): Promise<Map<string, ConversationState>> {
    const states = new Map<string, ConversationState>();
    for (const id of ids) {
      const conversation = this.conversations.get(id);
      if (!conversation) continue;
      const { tenantId: owner, language, channel } = conversation;
      states.set(id, { tenantId: owner, language, channel, variables: {} });
    }
    for (const variable of [...this.variables.values()].sort((a, b) => a.seq - b.seq)) {
      const state = states.get(variable.conversationId);
      if (state) state.variables[variable.name] = variable.value;
    }
    return states;
  }
}

let nextOffset = 0;

/**
 * Runs events through the consumer as the messaging library does: the whole batch first; if it
 * fails, its memory is rolled back and each event is tried alone (a rejected one is skipped, as it
 * would be dead-lettered). Returns what was published.
 */
async function deliver(
  consumer: ConversationEventsConsumer,
  events: ConversationEvent[],
  partition = 0,
) {
  const offsets = events.map(() => String(++nextOffset));
  const published: MessageRecorded[] = [];
  const rejected: string[] = [];
  const attempt = async (some: ConversationEvent[], someOffsets: string[]) => {
    const batch = new EventBatch(topic, partition, some, '/handoff/conversation', someOffsets);
    try {
      await consumer.onConversationEvents(batch);
    } catch (error) {
      batch.rollBack();
      throw error;
    }
    for (const { message } of batch.pending) published.push(JSON.parse(String(message.value)).data);
  };
  try {
    await attempt(events, offsets);
  } catch {
    for (const [index, event] of events.entries()) {
      try {
        await attempt([event], [offsets[index]!]);
      } catch (error) {
        if (!(error instanceof RejectedEventError)) throw error;
        rejected.push(event.id);
      }
    }
  }
  return { published, rejected };
}

describe('ConversationEventsConsumer', () => {
  let store: FakeStore;
  let states: ConversationStates;
  let ownership: PartitionOwnership;
  let consumer: ConversationEventsConsumer;

  beforeEach(() => {
    store = new FakeStore();
    states = new ConversationStates(100);
    ownership = new PartitionOwnership();
    consumer = new ConversationEventsConsumer(
      store as unknown as ConversationStore,
      states,
      new ContextMemory(100),
      ownership,
    );
    consumer.onModuleInit();
  });

  it('stores the batch and republishes each message with the variables collected before it', async () => {
    const batch = new EventBatch(
      topic,
      0,
      [started('c1'), collected('c1', 'topic', 'billing'), posted('c1', 'm1')],
      '/handoff/conversation',
      ['7', '8', '9'],
    );

    await consumer.onConversationEvents(batch);

    assert.deepEqual([...store.conversations.keys()], ['c1']);
    assert.deepEqual([...store.messages.keys()], ['msg:c1:m1']);
    assert.equal(store.variables.size, 1);
    assert.equal(batch.pending.length, 1);
    const event = JSON.parse(String(batch.pending[0]!.message.value));
    assert.equal(batch.pending[0]!.topic, Topics.ConversationMessages);
    assert.equal(event.type, messageRecordedType);
    assert.equal(event.id, 'recorded:c1:m1');
    assert.deepEqual(event.data.variables, { topic: 'billing' });
  });

  it('loads a conversation it does not hold from the store before applying the batch', async () => {
    await deliver(consumer, [started('c1'), collected('c1', 'topic', 'billing')]);
    states.delete('c1');

    const { published } = await deliver(consumer, [posted('c1', 'm1')]);

    assert.deepEqual(published[0]!.variables, { topic: 'billing' });
    assert.equal(published[0]!.language, 'es');
    assert.ok(states.has('c1'));
  });

  it('drops what the batch changed in memory when storing fails, so it comes back from the store', async () => {
    await deliver(consumer, [started('c1')]);
    store.failNextMessages = true;
    const batch = new EventBatch(
      topic,
      0,
      [collected('c1', 'topic', 'billing'), posted('c1', 'm1')],
      '/handoff/conversation',
      ['20', '21'],
    );

    await assert.rejects(consumer.onConversationEvents(batch), /store unreachable/);
    batch.rollBack();

    assert.equal(states.has('c1'), false);
  });

  it('forgets the conversations of partitions of its topic that are revoked, and only of its topic', async () => {
    await deliver(consumer, [started('p0')], 0);
    await deliver(consumer, [started('p1')], 1);
    ownership.assigned({ [topic]: [0, 1], [Topics.Escalations]: [0, 1] });

    ownership.assigned({ [topic]: [0, 1], [Topics.Escalations]: [0] });
    assert.ok(states.has('p0') && states.has('p1'));

    ownership.assigned({ [topic]: [0], [Topics.Escalations]: [0] });
    assert.equal(states.has('p0'), true);
    assert.equal(states.has('p1'), false);
  });

  it('applies the other events of a batch in which one is rejected', async () => {
    const unknown = posted('never-started', 'm1');

    const { published, rejected } = await deliver(consumer, [
      started('c1'),
      collected('c1', 'topic', 'x'),
      unknown,
      posted('c1', 'm1'),
    ]);

    assert.deepEqual(rejected, [unknown.id]);
    assert.deepEqual(
      published.map(({ message }) => message.messageId),
      ['m1'],
    );
    assert.deepEqual([...store.messages.keys()], ['msg:c1:m1']);
  });
});

describe('ConversationEventsConsumer when a batch partly fails or repeats', () => {
  let store: FakeStore;
  let states: ConversationStates;
  let consumer: ConversationEventsConsumer;

  beforeEach(() => {
    store = new FakeStore();
    states = new ConversationStates(100);
    consumer = new ConversationEventsConsumer(
      store as unknown as ConversationStore,
      states,
      new ContextMemory(100),
      new PartitionOwnership(),
    );
  });

  it('stores a conversation started in a batch that another event of it made fail', async () => {
    await deliver(consumer, [started('c1'), posted('never-started', 'm1'), posted('c1', 'm1')]);

    assert.ok(store.conversations.has('c1'), 'the start of c1 was stored');
  });

  it('republishes a message with the variables collected before it, even when a later event of its batch failed', async () => {
    await deliver(consumer, [started('c1')]);

    const { published } = await deliver(consumer, [
      posted('c1', 'm1'),
      collected('c1', 'later', 'x'),
      posted('nobody', 'm9'),
    ]);

    assert.deepEqual(published[0]!.variables, {});
  });

  it('goes back to the stored context of a conversation whose start is sent again after it left memory', async () => {
    await deliver(consumer, [started('c1'), collected('c1', 'topic', 'billing')]);
    states.delete('c1');

    // The batch with the repeated start is applied before the store says the conversation existed;
    // from the next batch on, the stored language, channel and variables are back.
    await deliver(consumer, [started('c1', 'web', 'en')]);
    const { published } = await deliver(consumer, [posted('c1', 'm1')]);

    assert.deepEqual(
      {
        language: published[0]!.language,
        channel: published[0]!.channel,
        variables: published[0]!.variables,
      },
      { language: 'es', channel: 'whatsapp', variables: { topic: 'billing' } },
    );
  });
});
