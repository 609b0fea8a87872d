import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Test } from '@nestjs/testing';
import { Topics } from '@handoff/contracts';
import type { Message } from 'kafkajs';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { EventPublisher } from '../publishing/event-publisher.js';
import { DeadLetterHeaders, DeadLetterPublisher, type ConsumedRecord } from './dead-letter.js';

class RecordingSender {
  readonly sent: { topic: string; messages: Message[] }[] = [];
  failure?: Error;

  async send(topic: string, messages: Message[]): Promise<void> {
    if (this.failure) throw this.failure;
    this.sent.push({ topic, messages });
  }
}

const options = { groupId: 'handoff-routing' } as MessagingOptions;

const record: ConsumedRecord = {
  topic: Topics.Escalations,
  partition: 1,
  offset: '1234',
  key: Buffer.from('conv-1'),
  value: Buffer.from('{broken'),
  headers: { 'content-type': 'application/cloudevents+json', traceparent: '00-abc-def-01' },
};

describe('DeadLetterPublisher', () => {
  let sender: RecordingSender;
  let deadLetters: DeadLetterPublisher;

  beforeEach(async () => {
    sender = new RecordingSender();
    const moduleRef = await Test.createTestingModule({
      providers: [DeadLetterPublisher, { provide: EventPublisher, useValue: sender }, { provide: MESSAGING_OPTIONS, useValue: options }],
    }).compile();
    deadLetters = moduleRef.get(DeadLetterPublisher);
  });

  it('writes the original key and bytes to the dead-letter topic, saying where they came from and why', async () => {
    await deadLetters.deadLetter(record, 'processing', 'handler kept failing', 3);

    assert.equal(sender.sent.length, 1);
    const { topic, messages } = sender.sent[0]!;
    assert.equal(topic, Topics.DeadLetter);
    const [message] = messages;
    assert.equal(message!.key, record.key);
    assert.equal(message!.value, record.value);
    const headers = message!.headers!;
    assert.equal(headers[DeadLetterHeaders.topic], Topics.Escalations);
    assert.equal(headers[DeadLetterHeaders.partition], '1');
    assert.equal(headers[DeadLetterHeaders.offset], '1234');
    assert.equal(headers[DeadLetterHeaders.reason], 'handler kept failing');
    assert.equal(headers[DeadLetterHeaders.stage], 'processing');
    assert.equal(headers[DeadLetterHeaders.attempts], '3');
    assert.equal(headers[DeadLetterHeaders.consumerGroup], 'handoff-routing');
    assert.ok(!Number.isNaN(Date.parse(String(headers[DeadLetterHeaders.failedAt]))));
  });

  it('keeps the original headers so the trace can be followed', async () => {
    await deadLetters.deadLetter(record, 'validation', 'not JSON', 0);

    const headers = sender.sent[0]!.messages[0]!.headers!;
    assert.equal(headers['traceparent'], '00-abc-def-01');
    assert.equal(headers['content-type'], 'application/cloudevents+json');
  });

  it('cuts a long reason to 1000 characters', async () => {
    await deadLetters.deadLetter(record, 'validation', 'x'.repeat(5000), 0);

    assert.equal(String(sender.sent[0]!.messages[0]!.headers![DeadLetterHeaders.reason]).length, 1000);
  });

  it('fails when the dead letter cannot be written', async () => {
    sender.failure = new Error('broker unreachable');
    await assert.rejects(deadLetters.deadLetter(record, 'validation', 'not JSON', 0), /broker unreachable/);
  });
});
