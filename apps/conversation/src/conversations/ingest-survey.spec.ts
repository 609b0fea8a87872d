import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { createEvent, csatAnsweredType, customerLeftType, deriveId } from '@handoff/contracts';
import { RejectedEventError } from '@handoff/messaging';
import { ConversationStates } from './conversation-states.js';
import { ingestBatch, posted, started, tenantId } from './ingest.fixtures.js';
import { csatScoreIn } from './ingest-survey.js';

const source = { source: '/tests/bot-platform' };
const answered = (conversationId: string, score: number, id = `csat-${score}`) =>
  createEvent(
    csatAnsweredType,
    { conversationId, tenantId, score, comment: 'quick', answeredAt: '2026-11-25T10:20:00.000Z' },
    { ...source, id },
  );

describe('ingest: who may speak, leaving, and satisfaction', () => {
  let states: ConversationStates;

  beforeEach(() => {
    states = new ConversationStates(1000);
    ingestBatch(states, [started('c1')]);
  });

  it('refuses bot messages while an agent holds the conversation, and counts them by tenant', () => {
    states.get('c1')!.holder = { agentId: 'agent-ana', since: 1 };
    const result = ingestBatch(states, [
      posted('c1', 'm1', { sender: 'bot', text: 'Can I help with anything else?' }),
      posted('c1', 'm2', { sender: 'customer' }),
    ]);

    assert.deepEqual(
      result.messages.map(({ messageId }) => messageId),
      ['m2'],
    );
    assert.deepEqual([...result.refusedBotMessages], [[tenantId, 1]]);
  });

  it('takes bot messages again once nobody holds the conversation', () => {
    const result = ingestBatch(states, [posted('c1', 'm1', { sender: 'bot' })]);

    assert.equal(result.messages.length, 1);
    assert.equal(result.refusedBotMessages.size, 0);
  });

  it('closes the conversation when the customer leaves', () => {
    const left = createEvent(
      customerLeftType,
      { conversationId: 'c1', tenantId, leftAt: '2026-11-25T10:30:00.000Z' },
      { ...source, id: 'left-1' },
    );
    const result = ingestBatch(states, [left]);

    assert.deepEqual(result.closed, [
      {
        id: deriveId('closed', 'c1', 'left-1'),
        data: {
          conversationId: 'c1',
          tenantId,
          reason: 'customer_left',
          closedAt: '2026-11-25T10:30:00.000Z',
        },
      },
    ]);
  });

  it('records the answer to an open survey once, with the agent and triggers, and closes it', () => {
    states.get('c1')!.survey = {
      agentId: 'agent-ana',
      escalationId: 'esc-1',
      triggers: ['explicit_request'],
    };
    const result = ingestBatch(states, [answered('c1', 4)]);

    assert.deepEqual(result.feedback, [
      {
        id: deriveId('csat', 'c1'),
        data: {
          conversationId: 'c1',
          tenantId,
          agentId: 'agent-ana',
          escalationId: 'esc-1',
          triggers: ['explicit_request'],
          score: 4,
          recordedAt: '2026-11-25T10:20:00.000Z',
        },
      },
    ]);
    assert.equal(result.csat[0]!.comment, 'quick');
    assert.equal(states.get('c1')!.survey, undefined);
    assert.throws(() => ingestBatch(states, [answered('c1', 1, 'again')]), RejectedEventError);
  });

  it('counts a customer message that is only a digit from 1 to 5 as the answer', () => {
    states.get('c1')!.survey = { agentId: 'agent-ana', triggers: [] };
    const result = ingestBatch(states, [posted('c1', 'm9', { text: ' 5! ' })]);

    assert.equal(result.feedback[0]!.data.score, 5);
    assert.equal(result.messages.length, 1, 'the answer stays in the transcript');
  });

  it('refuses an answer when no survey is open, and reads digits only while one is', () => {
    assert.throws(
      () => ingestBatch(states, [answered('c1', 3)]),
      /no satisfaction survey is open for conversation c1/,
    );
    assert.equal(ingestBatch(states, [posted('c1', 'm3', { text: '3' })]).feedback.length, 0);
  });

  it('reads only a lone digit from 1 to 5', () => {
    assert.deepEqual(['1', '5.', ' 2 ', '0', '6', '10', 'I give it 4', '4/5'].map(csatScoreIn), [
      1,
      5,
      2,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
