import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreMessage } from './sentiment-scorer.js';

const sentiment = (text: string) => scoreMessage(text, 'en').sentiment;

describe('scoreMessage: what English adds to negation and degree', () => {
  it('negates with a contraction however it is typed: apostrophe, phone quote, or none', () => {
    for (const text of ["I don't like it", 'I don’t like it', 'I dont like it'])
      assert.ok(sentiment(text) < 0, text);
    assert.ok(sentiment('You wont regret it') > 0);
    assert.ok(sentiment('the bot is seldom helpful') < 0, 'seldom negates like never');
  });

  it('reads "kind" alone as praise, and "kind of" as a softener', () => {
    assert.ok(sentiment('the agent was very kind') > 0.3);
    assert.ok(sentiment('it was kind of good') < sentiment('it was good'));
    assert.ok(sentiment('it was kind of good') > 0);
  });

  it('reads "pretty" before an opinion word as a degree word, and alone as the adjective', () => {
    assert.ok(sentiment('the service was pretty bad') < sentiment('the service was bad'));
    assert.ok(sentiment('pretty good') > sentiment('good'));
    // Read as two ratings, "pretty" (2.2) and "good" (1.9), it would score 0.73.
    assert.ok(sentiment('pretty good') < 0.6, 'one boosted rating');
    assert.ok(sentiment('the new desk looks pretty') > 0);
  });

  it('reaches three words back without counting one-letter words, as VADER counts', () => {
    assert.ok(sentiment("I'm not sure it's a good idea") < 0, '"a" takes no place');
    assert.ok(sentiment("I don't know if I like it") < 0, '"I" takes no place');
    assert.ok(sentiment("I don't know if we like it") > 0, 'four words on, not negated');
    assert.ok(sentiment('so a good day') > sentiment('so the good day'), 'degree words alike');
  });

  it('reads "without a doubt" and "no doubt" as certainty, not negation or doubt', () => {
    for (const text of [
      'without a doubt my favorite',
      'without doubt the best',
      'no doubt the best',
    ])
      assert.ok(sentiment(text) > sentiment(text.replace(/^.*doubt/, 'the')), text);
    assert.ok(sentiment('without a doubt the worst') < sentiment('the worst'));
    assert.equal(sentiment('I have no doubt'), 0);
    assert.ok(sentiment('I doubt it') < 0);
  });

  it('reads "never so" and "never this" as emphasis, not negation', () => {
    assert.ok(sentiment('I have never been so happy') > sentiment('I have been happy'));
    assert.ok(sentiment('never this good') > sentiment('good'));
    assert.ok(sentiment('never good') < 0);
  });

  it('negates after "least", except in "at least" and "the very least"', () => {
    assert.ok(sentiment('the least helpful answer') < 0);
    assert.equal(sentiment('at least helpful'), sentiment('helpful'));
    assert.ok(sentiment('the very least helpful') > 0);
  });

  it('reads "no" before an opinion word as its negation, and alone as a refusal', () => {
    assert.ok(sentiment('no problems at all') > 0);
    assert.ok(sentiment('No.') < 0);
    assert.ok(sentiment('it is no longer working') < 0);
    assert.ok(sentiment('no heat or comfort') < 0, 'through "or" it reaches three words');
    assert.ok(sentiment('No, I am happy') > 0, 'three words on it does not negate');
  });

  it("reads VADER's idioms as a whole, not by their words, and modifies them like a word", () => {
    assert.ok(sentiment('this phone is the bomb') > 0.5, 'not a bomb');
    assert.ok(sentiment('that update was the kiss of death for my account') < 0);
    assert.ok(sentiment('that update was the kiss of death') > sentiment('that update was death'));
    assert.ok(sentiment('yeah right') < 0, 'sarcasm, though "yeah" alone is positive');
    assert.ok(sentiment('yeah') > 0);
    assert.ok(sentiment('it is not the bomb') < 0, 'negated like a word');
    assert.equal(sentiment('yeah. right'), sentiment('yeah'), 'the words of one clause only');
  });

  it('lets the clause after "but" decide, not the concession after "though"', () => {
    assert.ok(sentiment('The food was great but the service was bad') < 0);
    assert.ok(sentiment('The food was great, though the service was bad') > 0);
  });
});
