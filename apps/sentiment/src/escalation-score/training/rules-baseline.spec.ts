import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstEscalatingTurn, type RuleTurn } from './rules-baseline.js';

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
