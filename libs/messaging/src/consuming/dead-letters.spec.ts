import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DeadLetterHeaders, Topics, maxDeadLetterReasonLength } from '@handoff/contracts';
import type { Message } from 'kafkajs';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { EventPublisher } from '../publishing/event-publisher.js';
import type { ConsumedRecord } from './consumed-record.js';
import { DeadLetterWriter, type DeadLetter } from './dead-letters.js';

/** The publisher's raw send, recording each request; `refuse` decides which requests fail. */
class FakeSender {
  readonly requests: { topic: string; messages: Message[] }[] = [];
  refuse: (messages: Message[]) => unknown = () => undefined;

  async send(topic: string, messages: Message[]): Promise<void> {
    this.requests.push({ topic, messages });
    const error = this.refuse(messages);
    if (error) throw error;
  }

  get delivered(): Message[] {
    return this.requests
      .filter(({ messages }) => !this.refuse(messages))
      .flatMap(({ messages }) => messages);
  }
}

function tooLarge(): Error {
  return Object.assign(
    new Error(
      'The request included a message larger than the max message size the server will accept',
    ),
    {
      name: 'KafkaJSProtocolError',
      type: 'MESSAGE_TOO_LARGE',
      retriable: false,
    },
  );
}

const options = { groupId: 'handoff-routing' } as MessagingOptions;

const binaryKey = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]);
const jsonHeader = Buffer.from('{"tenant":"acme","n":1}');
const record: ConsumedRecord = {
  topic: Topics.Escalations,
  partition: 7,
  offset: '9007199254740993',
  key: binaryKey,
  value: Buffer.from([0x7b, 0x00, 0xc3, 0x28, 0x7d]),
  headers: {
    'content-type': Buffer.from('application/cloudevents+json; charset=utf-8'),
    'x-json': jsonHeader,
    'x-several': [Buffer.from('one'), Buffer.from('two')],
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  },
};

const letter = (overrides: Partial<DeadLetter> = {}): DeadLetter => ({
  record,
  stage: 'processing',
  reason: 'handler kept failing',
  attempts: 3,
  ...overrides,
});

describe('DeadLetterWriter', () => {
  let sender: FakeSender;
  let writer: DeadLetterWriter;

  before(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    sender = new FakeSender();
    const moduleRef = await Test.createTestingModule({
      providers: [
        DeadLetterWriter,
        { provide: EventPublisher, useValue: sender },
        { provide: MESSAGING_OPTIONS, useValue: options },
      ],
    }).compile();
    writer = moduleRef.get(DeadLetterWriter);
  });

  it('writes the original key, value and headers byte for byte to the dead-letter topic', async () => {
    await writer.write([letter()]);

    assert.equal(sender.requests.length, 1);
    const { topic, messages } = sender.requests[0]!;
    assert.equal(topic, Topics.DeadLetter);
    const [message] = messages as [Message];
    assert.deepEqual(message.key, binaryKey);
    assert.deepEqual(message.value, Buffer.from([0x7b, 0x00, 0xc3, 0x28, 0x7d]));
    const headers = message.headers!;
    assert.deepEqual(
      headers['content-type'],
      Buffer.from('application/cloudevents+json; charset=utf-8'),
    );
    assert.deepEqual(
      headers['x-json'],
      jsonHeader,
      'a JSON-looking header stays the same bytes, not parsed or re-encoded',
    );
    assert.deepEqual(headers['x-several'], [Buffer.from('one'), Buffer.from('two')]);
    assert.equal(headers['traceparent'], '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  });

  it('adds its headers to the letter, not to the record it was given', async () => {
    const names = Object.keys(record.headers);

    await writer.write([letter()]);

    assert.deepEqual(Object.keys(record.headers), names);
  });

  it('says where the record came from, why, at which stage, after how many attempts, for which group and when', async () => {
    const startedAt = Date.now();

    await writer.write([letter({ stage: 'validation', reason: 'value is not JSON', attempts: 0 })]);

    const headers = sender.requests[0]!.messages[0]!.headers!;
    assert.equal(headers[DeadLetterHeaders.topic], Topics.Escalations);
    assert.equal(headers[DeadLetterHeaders.partition], '7');
    assert.equal(headers[DeadLetterHeaders.offset], '9007199254740993');
    assert.equal(headers[DeadLetterHeaders.reason], 'value is not JSON');
    assert.equal(headers[DeadLetterHeaders.stage], 'validation');
    assert.equal(headers[DeadLetterHeaders.attempts], '0');
    assert.equal(headers[DeadLetterHeaders.consumerGroup], 'handoff-routing');
    const failedAt = String(headers[DeadLetterHeaders.failedAt]);
    assert.match(failedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.ok(Date.parse(failedAt) >= startedAt - 1 && Date.parse(failedAt) <= Date.now());
    assert.equal(headers[DeadLetterHeaders.valueOmitted], undefined);
    for (const name of Object.values(DeadLetterHeaders)) {
      if (name !== DeadLetterHeaders.valueOmitted)
        assert.equal(typeof headers[name], 'string', `${name} is set`);
    }
  });

  it('replaces the dead-letter headers of a replayed record that fails again, keeping its other headers', async () => {
    const replayed: ConsumedRecord = {
      ...record,
      headers: {
        ...record.headers,
        [DeadLetterHeaders.reason]: 'old reason',
        [DeadLetterHeaders.topic]: 'old-topic',
        'handoff-replayed-from': '0:12',
      },
    };

    await writer.write([letter({ record: replayed, reason: 'new reason' })]);

    const headers = sender.requests[0]!.messages[0]!.headers!;
    assert.equal(headers[DeadLetterHeaders.reason], 'new reason');
    assert.equal(headers[DeadLetterHeaders.topic], Topics.Escalations);
    assert.equal(headers['handoff-replayed-from'], '0:12');
  });

  it(`cuts the reason to ${maxDeadLetterReasonLength} characters`, async () => {
    const reason = 'y'.repeat(10) + 'x'.repeat(5_000);

    await writer.write([letter({ reason })]);

    assert.equal(
      sender.requests[0]!.messages[0]!.headers![DeadLetterHeaders.reason],
      reason.slice(0, maxDeadLetterReasonLength),
    );
  });

  it('writes several letters in one request, in order', async () => {
    const second: ConsumedRecord = {
      ...record,
      offset: '9007199254740994',
      key: null,
      value: null,
    };

    await writer.write([
      letter(),
      letter({ record: second, stage: 'validation', reason: 'empty message value', attempts: 0 }),
    ]);

    assert.equal(sender.requests.length, 1);
    const [first, next] = sender.requests[0]!.messages as [Message, Message];
    assert.equal(first.headers![DeadLetterHeaders.offset], '9007199254740993');
    assert.equal(next.headers![DeadLetterHeaders.offset], '9007199254740994');
    assert.equal(next.key, null);
    assert.equal(next.value, null);
  });

  it('sends nothing for no letters', async () => {
    await writer.write([]);
    assert.equal(sender.requests.length, 0);
  });

  it('retries letter by letter when the broker refuses the request for its size, and keeps the headers of a letter still refused without its value', async () => {
    const big: ConsumedRecord = { ...record, offset: '20', value: Buffer.alloc(3_000, 0x61) };
    const small: ConsumedRecord = { ...record, offset: '21', value: Buffer.from('{}') };
    // Refuses any request carrying more than 1000 bytes of values.
    sender.refuse = (messages) =>
      messages.reduce((sum, { value }) => sum + (value?.length ?? 0), 0) > 1_000
        ? tooLarge()
        : undefined;

    await writer.write([letter({ record: big }), letter({ record: small })]);

    assert.deepEqual(
      sender.requests.map(({ topic, messages }) => [
        topic,
        messages.map((m) => m.headers![DeadLetterHeaders.offset]),
      ]),
      [
        [Topics.DeadLetter, ['20', '21']],
        [Topics.DeadLetter, ['20']],
        [Topics.DeadLetter, ['20']],
        [Topics.DeadLetter, ['21']],
      ],
    );
    const [bigLetter, smallLetter] = sender.delivered as [Message, Message];
    assert.equal(bigLetter.value, null);
    assert.deepEqual(bigLetter.key, binaryKey);
    assert.match(
      String(bigLetter.headers![DeadLetterHeaders.valueOmitted]),
      /^3000 bytes, too large for handoff\.dlq\.v1/,
    );
    assert.equal(bigLetter.headers![DeadLetterHeaders.offset], '20');
    assert.equal(bigLetter.headers![DeadLetterHeaders.reason], 'handler kept failing');
    assert.deepEqual(bigLetter.headers!['x-json'], jsonHeader);
    assert.deepEqual(smallLetter.value, Buffer.from('{}'));
    assert.equal(smallLetter.headers![DeadLetterHeaders.valueOmitted], undefined);
  });

  it('recognises a size refusal that kafkajs wrapped', async () => {
    const wrapped = Object.assign(new Error('too large'), {
      name: 'KafkaJSNonRetriableError',
      retriable: false,
      originalError: tooLarge(),
    });
    let calls = 0;
    sender.refuse = () => (++calls === 1 ? wrapped : undefined);

    await writer.write([letter()]);

    assert.equal(sender.requests.length, 2);
    assert.deepEqual(sender.requests[1]!.messages[0]!.value, record.value);
  });

  it('fails on any other send error, without retrying, so the consumer does not commit past the record', async () => {
    const unreachable = Object.assign(new Error('Connection error: connect ECONNREFUSED'), {
      name: 'KafkaJSConnectionError',
    });
    sender.refuse = () => unreachable;

    await assert.rejects(writer.write([letter(), letter()]), (error) => error === unreachable);
    assert.equal(sender.requests.length, 1);
  });

  it('fails when a letter retried on its own meets another error', async () => {
    const unreachable = Object.assign(new Error('Connection error'), {
      name: 'KafkaJSConnectionError',
    });
    let calls = 0;
    sender.refuse = () => (++calls === 1 ? tooLarge() : unreachable);

    await assert.rejects(writer.write([letter()]), (error) => error === unreachable);
    assert.equal(sender.requests.length, 2);
  });
});
