import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import { Test } from '@nestjs/testing';
import { Topics, createEvent, type TopicPayloads } from '@handoff/contracts';
import type { KafkaContext } from '@nestjs/microservices';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { DeadLetterPublisher, type ConsumedRecord, type DeadLetterStage } from './dead-letter.js';
import { InboundEvents } from './inbound-events.js';

interface DeadLetter {
  record: ConsumedRecord;
  stage: DeadLetterStage;
  reason: string;
  attempts: number;
}

class FakeDeadLetters {
  readonly written: DeadLetter[] = [];
  /** When set, every write fails as if the broker were unreachable. */
  failure?: Error;

  async deadLetter(record: ConsumedRecord, stage: DeadLetterStage, reason: string, attempts: number): Promise<void> {
    if (this.failure) throw this.failure;
    this.written.push({ record, stage, reason, attempts });
  }
}

/** What InboundEvents reads from the transport's context, and nothing more. */
class FakeKafkaContext {
  heartbeats = 0;

  constructor(private readonly value: Buffer | null) {}

  getMessage() {
    return { key: Buffer.from('conv-1'), value: this.value, offset: '42', headers: { 'content-type': 'application/cloudevents+json' } };
  }

  getTopic() {
    return Topics.ConversationEvents;
  }

  getPartition() {
    return 2;
  }

  getHeartbeat() {
    return async () => {
      this.heartbeats++;
    };
  }
}

const options: MessagingOptions = {
  brokers: ['127.0.0.1:9092'],
  clientId: 'tests',
  groupId: 'tests',
  source: '/tests',
  topics: [],
  topicPartitions: 1,
  replicationFactor: 1,
  maxAttempts: 3,
  retryBackoffMs: 0,
};

const started = createEvent(
  'handoff.conversation.started',
  {
    conversationId: 'conv-1',
    tenantId: 'acme',
    channel: 'web',
    language: 'en',
    customer: { customerId: 'cust-1' },
    startedAt: '2026-11-25T10:00:00.000Z',
  },
  { source: '/tests' },
);
const startedBytes = Buffer.from(JSON.stringify(started));

type ConversationEvent = TopicPayloads[typeof Topics.ConversationEvents];
const ignoreEvent = async (): Promise<void> => undefined;

describe('InboundEvents', () => {
  let deadLetters: FakeDeadLetters;
  let inbound: InboundEvents;

  // One instance for the suite: it compiles every event schema when built.
  before(async () => {
    deadLetters = new FakeDeadLetters();
    const moduleRef = await Test.createTestingModule({
      providers: [
        InboundEvents,
        { provide: DeadLetterPublisher, useValue: deadLetters },
        { provide: MESSAGING_OPTIONS, useValue: options },
      ],
    }).compile();
    inbound = moduleRef.get(InboundEvents);
  });

  beforeEach(() => {
    deadLetters.written.length = 0;
    deadLetters.failure = undefined;
  });

  function handle(context: FakeKafkaContext, handler: (event: ConversationEvent) => Promise<void>): Promise<void> {
    return inbound.handle(Topics.ConversationEvents, context as unknown as KafkaContext, handler);
  }

  it('hands a valid event to the handler once and dead-letters nothing', async () => {
    const received: ConversationEvent[] = [];

    await handle(new FakeKafkaContext(startedBytes), async (event) => {
      received.push(event);
    });

    assert.deepEqual(received, [started]);
    assert.deepEqual(deadLetters.written, []);
  });

  it('dead-letters a value that is not JSON at the validation stage, with the reason, without calling the handler', async () => {
    let calls = 0;

    await handle(new FakeKafkaContext(Buffer.from('{"specversion":')), async () => {
      calls++;
    });

    assert.equal(calls, 0);
    assert.equal(deadLetters.written.length, 1);
    const [letter] = deadLetters.written;
    assert.equal(letter!.stage, 'validation');
    assert.equal(letter!.attempts, 0);
    assert.match(letter!.reason, /not JSON/);
  });

  it('keeps the original bytes and their origin in the dead letter', async () => {
    const bytes = Buffer.from('not json at all');

    await handle(new FakeKafkaContext(bytes), ignoreEvent);

    const { record } = deadLetters.written[0]!;
    assert.deepEqual(record, {
      topic: Topics.ConversationEvents,
      partition: 2,
      offset: '42',
      key: Buffer.from('conv-1'),
      value: bytes,
      headers: { 'content-type': 'application/cloudevents+json' },
    });
  });

  it('dead-letters an empty message and an event that breaks its contract', async () => {
    const wrongTenant = Buffer.from(JSON.stringify({ ...started, tenantid: 'other' }));

    await handle(new FakeKafkaContext(null), async () => assert.fail('handler must not run'));
    await handle(new FakeKafkaContext(wrongTenant), async () => assert.fail('handler must not run'));

    assert.deepEqual(
      deadLetters.written.map((l) => l.stage),
      ['validation', 'validation'],
    );
    assert.match(deadLetters.written[0]!.reason, /empty/);
    assert.match(deadLetters.written[1]!.reason, /tenantid/);
  });

  it('retries a handler that fails once, heartbeating before the retry, and does not dead-letter', async () => {
    const context = new FakeKafkaContext(startedBytes);
    let calls = 0;

    await handle(context, async () => {
      calls++;
      if (calls === 1) throw new Error('database briefly unavailable');
    });

    assert.equal(calls, 2);
    assert.equal(context.heartbeats, 1);
    assert.deepEqual(deadLetters.written, []);
  });

  it('dead-letters at the processing stage after maxAttempts failures, with the last error', async () => {
    const context = new FakeKafkaContext(startedBytes);
    let calls = 0;

    await handle(context, async () => {
      calls++;
      throw new Error(`attempt ${calls} failed`);
    });

    assert.equal(calls, options.maxAttempts);
    // A heartbeat between attempts, none after the last one.
    assert.equal(context.heartbeats, options.maxAttempts - 1);
    assert.equal(deadLetters.written.length, 1);
    const [letter] = deadLetters.written;
    assert.equal(letter!.stage, 'processing');
    assert.equal(letter!.attempts, options.maxAttempts);
    assert.equal(letter!.reason, 'processing failed after 3 attempts: attempt 3 failed');
    assert.deepEqual(letter!.record.value, startedBytes);
  });

  it('rejects when a malformed message cannot be dead-lettered, so the consumer retries it', async () => {
    deadLetters.failure = new Error('broker unreachable');

    await assert.rejects(
      handle(new FakeKafkaContext(Buffer.from('{')), ignoreEvent),
      /broker unreachable/,
    );
  });

  it('rejects when a failing event cannot be dead-lettered, so the consumer retries it', async () => {
    deadLetters.failure = new Error('broker unreachable');

    await assert.rejects(
      handle(new FakeKafkaContext(startedBytes), async () => {
        throw new Error('always fails');
      }),
      /broker unreachable/,
    );
  });
});
