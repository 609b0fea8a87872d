import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GeneratedConversation } from './generate-conversations.js';
import { firstEscalatingTurn, rulesFirstTurn, type RuleTurn } from './rules-baseline.js';

const customer = (escalates = false): RuleTurn => ({ sender: 'customer', escalates });
const bot = (escalates = false): RuleTurn => ({ sender: 'bot', escalates });

describe('firstEscalatingTurn', () => {
  it('counts customer turns up to the first escalation', () => {
    assert.equal(firstEscalatingTurn([customer(), bot(), customer(), bot(), customer(true)]), 3);
  });

  it('puts an escalation on a bot message at the customer turn it answers', () => {
    assert.equal(firstEscalatingTurn([customer(), bot(), customer(), bot(true), customer()]), 2);
    assert.equal(firstEscalatingTurn([bot(true), customer()]), 1);
  });

  it('is undefined when the rules never escalate', () => {
    assert.equal(firstEscalatingTurn([customer(), bot(), customer()]), undefined);
    assert.equal(firstEscalatingTurn([]), undefined);
  });
});

describe('rulesFirstTurn', () => {
  const conversation = (texts: string[]): GeneratedConversation => ({
    id: 'c1',
    kind: 'calm',
    language: 'en',
    needsHuman: false,
    transcript: texts.flatMap((text, i) => [
      { sender: 'customer' as const, text, messageId: `c${i}` },
      { sender: 'bot' as const, text: `answer ${i}`, intent: `intent_${i}`, confidence: 0.9 },
    ]),
  });

  it('runs the default rules over a conversation: a plain request for a person fires', () => {
    const asking = conversation(['where is my order', 'ok', 'can I talk to a human please']);
    assert.equal(rulesFirstTurn(asking), 3);
  });

  it('is undefined for a conversation the rules let through', () => {
    const calm = conversation(['how do I switch to the yearly plan', 'thanks, that helps']);
    assert.equal(rulesFirstTurn(calm), undefined);
  });
});
