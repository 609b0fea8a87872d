import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Test } from '@nestjs/testing';
import {
  EventValidator,
  escalationRequestedType,
  sentimentScoredType,
  type EventDataByType,
  type MessageRecorded,
} from '@handoff/contracts';
import { RecordingSink, type EmittedEvent } from '@handoff/messaging/testing';
import { scoreSentiment } from '../scoring/sentiment-scorer.js';
import { EvaluationService } from './evaluation.service.js';

const validator = new EventValidator();

function recorded(
  text: string,
  options: { sender?: 'customer' | 'bot'; messageId?: string } = {},
): MessageRecorded {
  return {
    conversationId: 'conv-1',
    tenantId: 'acme',
    language: 'es',
    channel: 'web',
    message: {
      messageId: options.messageId ?? 'm-1',
      sender: options.sender ?? 'customer',
      text,
      sentAt: '2026-11-25T10:00:00.000Z',
    },
    variables: { topic: 'billing', customer_tier: 'gold' },
  };
}

function assertHonoursContract(emitted: EmittedEvent): void {
  const result = validator.validateData(emitted.type, emitted.data);
  assert.ok(result.ok, `${emitted.type} breaks its schema: ${result.ok ? '' : result.reason}`);
}

describe('EvaluationService', () => {
  let publisher: RecordingSink;
  let evaluation: EvaluationService;

  beforeEach(async () => {
    publisher = new RecordingSink();
    const moduleRef = await Test.createTestingModule({
      providers: [EvaluationService],
    }).compile();
    evaluation = moduleRef.get(EvaluationService);
  });

  it('ignores messages the bot sent, even ones that mention a human', async () => {
    evaluation.evaluate(
      recorded('Do you want to talk to a human agent?', { sender: 'bot' }),
      publisher,
    );
    assert.deepEqual(publisher.emitted, []);
  });

  it('emits one sentiment score for an ordinary customer message', async () => {
    evaluation.evaluate(recorded('This is terrible, my invoice is wrong'), publisher);

    assert.equal(publisher.emitted.length, 1);
    const [scored] = publisher.emitted;
    assert.equal(scored!.type, sentimentScoredType);
    assert.equal(scored!.id, 'scored:conv-1:m-1');
    const data = scored!.data as EventDataByType[typeof sentimentScoredType];
    assert.equal(data.conversationId, 'conv-1');
    assert.equal(data.tenantId, 'acme');
    assert.equal(data.messageId, 'm-1');
    assert.deepEqual(data.sentiment, scoreSentiment('This is terrible, my invoice is wrong', 'es'));
    assert.equal(data.sentiment.label, 'negative');
    assertHonoursContract(scored!);
  });

  it('emits an escalation after the score when the customer asks for a human', async () => {
    evaluation.evaluate(recorded('Quiero hablar con un agente'), publisher);

    assert.deepEqual(
      publisher.emitted.map((e) => e.type),
      [sentimentScoredType, escalationRequestedType],
    );
    const escalation = publisher.emitted[1]!;
    const data = escalation.data as EventDataByType[typeof escalationRequestedType];
    assert.equal(escalation.id, 'esc:conv-1:m-1');
    assert.equal(data.escalationId, escalation.id);
    assert.equal(data.conversationId, 'conv-1');
    assert.equal(data.language, 'es');
    assert.equal(data.trigger.kind, 'explicit_request');
    assert.equal(data.trigger.messageId, 'm-1');
    assert.equal(data.trigger.matchedText, 'quiero hablar con un agente');
    assert.deepEqual(data.variables, { topic: 'billing', customer_tier: 'gold' });
    assert.deepEqual(
      data.sentiment,
      (publisher.emitted[0]!.data as EventDataByType[typeof sentimentScoredType]).sentiment,
    );
    for (const emitted of publisher.emitted) assertHonoursContract(emitted);
  });

  it('derives the same ids when the same message is delivered again', async () => {
    evaluation.evaluate(recorded('I want to talk to a human'), publisher);
    evaluation.evaluate(recorded('I want to talk to a human'), publisher);

    const ids = publisher.emitted.map((e) => e.id);
    assert.deepEqual(ids, [
      'scored:conv-1:m-1',
      'esc:conv-1:m-1',
      'scored:conv-1:m-1',
      'esc:conv-1:m-1',
    ]);
  });

  it('derives a new escalation id for a new message in the same conversation', async () => {
    evaluation.evaluate(recorded('I want to talk to a human', { messageId: 'm-1' }), publisher);
    evaluation.evaluate(recorded('agent please', { messageId: 'm-2' }), publisher);

    const escalationIds = publisher.emitted
      .filter((e) => e.type === escalationRequestedType)
      .map((e) => e.id);
    assert.deepEqual(escalationIds, ['esc:conv-1:m-1', 'esc:conv-1:m-2']);
  });
});
