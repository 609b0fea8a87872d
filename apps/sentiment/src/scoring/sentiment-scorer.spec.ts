import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreSentiment, tokenize } from './sentiment-scorer.js';

const score = (text: string) => scoreSentiment(text).score;

describe('tokenize', () => {
  it('lower-cases, folds accents, splits on punctuation and keeps apostrophes', () => {
    assert.deepEqual(tokenize("Don't PANIC, the café is Très bien!"), ["don't", 'panic', 'the', 'cafe', 'is', 'tres', 'bien']);
  });
});

describe('scoreSentiment', () => {
  it('labels a clearly positive message positive', () => {
    const result = scoreSentiment('This is great, thanks!');
    assert.equal(result.label, 'positive');
    assert.ok(result.score > 0.5);
  });

  it('labels a clearly negative message negative', () => {
    const result = scoreSentiment('This is terrible');
    assert.equal(result.label, 'negative');
    assert.ok(result.score < -0.5);
  });

  it('scores a message without opinion words as neutral zero', () => {
    assert.deepEqual(scoreSentiment('I want to check the status of my order'), { score: 0, label: 'neutral' });
    assert.deepEqual(scoreSentiment(''), { score: 0, label: 'neutral' });
  });

  it('calls mixed opinions that cancel out neutral', () => {
    assert.deepEqual(scoreSentiment('good but bad'), { score: 0, label: 'neutral' });
  });

  it('flips a word that follows a negation', () => {
    assert.equal(scoreSentiment('good').label, 'positive');
    assert.equal(scoreSentiment('not good').label, 'negative');
    assert.equal(scoreSentiment('I am not happy').label, 'negative');
  });

  it('reads a negated complaint as neutral, not as praise', () => {
    assert.equal(scoreSentiment('not bad').label, 'neutral');
    assert.equal(scoreSentiment('I never got my refund').label, 'neutral');
  });

  it('softens a negated word rather than mirroring it', () => {
    assert.ok(Math.abs(score('not good')) < Math.abs(score('good')));
  });

  it('lets a negation reach only the next few words', () => {
    // "nothing" negates "to add here"; "good" is five words later and keeps its sign.
    assert.equal(scoreSentiment('Nothing to add here, everything is good').label, 'positive');
  });

  it('handles negations in other languages after accent folding', () => {
    assert.equal(scoreSentiment('Não é ótimo').label, 'negative');
    assert.equal(scoreSentiment("C'est pas parfait").label, 'negative');
    assert.equal(scoreSentiment('Das ist nicht super').label, 'negative');
  });

  it('strengthens the word after an intensifier', () => {
    assert.ok(score('very good') > score('good'));
    assert.ok(score('really bad') < score('bad'));
    assert.ok(score('muy malo') < score('malo'));
    assert.ok(score('sehr schlecht') < score('schlecht'));
  });

  it('applies an intensifier only to the word right after it', () => {
    assert.equal(score('very, well, good'), score('good'));
  });

  it('adds weight for exclamation marks, counting at most three', () => {
    assert.ok(score('bad!!!') < score('bad'));
    assert.ok(score('bad!') < score('bad'));
    assert.equal(score('bad!!!!!!'), score('bad!!!'));
  });

  it('adds weight for shouting, but not for a short upper-case word', () => {
    assert.ok(score('THIS IS BAD') < score('this is bad'));
    assert.equal(score('BAD'), score('bad'));
  });

  it('keeps exclamations and shouting from giving a neutral message a sentiment', () => {
    assert.equal(score('WHERE IS MY PARCEL!!!'), 0);
  });

  it('scores messages in the other supported languages', () => {
    assert.equal(scoreSentiment('Muchas gracias, perfecto').label, 'positive');
    assert.equal(scoreSentiment('Tout est parfait, merci').label, 'positive');
    assert.equal(scoreSentiment('Das ist schrecklich').label, 'negative');
    assert.equal(scoreSentiment('Muito obrigado, ótimo').label, 'positive');
    assert.equal(scoreSentiment('Péssimo atendimento').label, 'negative');
  });

  it('stays within -1..1 however strong the message', () => {
    const furious = scoreSentiment('TERRIBLE AWFUL HORRIBLE WORST SCAM, I HATE THIS, UNACCEPTABLE!!!!!!');
    const delighted = scoreSentiment('Excellent, awesome, perfect, I love it, great, so happy, thanks!!!');
    assert.ok(furious.score >= -1 && furious.score < -0.95, `furious scored ${furious.score}`);
    assert.ok(delighted.score <= 1 && delighted.score > 0.95, `delighted scored ${delighted.score}`);
  });

  it('rounds the score to three decimals', () => {
    const { score: value } = scoreSentiment('very good');
    assert.equal(value, Math.round(value * 1000) / 1000);
  });
});
