import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreMessage } from './sentiment-scorer.js';

const sentiment = (text: string, language = 'en') => scoreMessage(text, language).sentiment;

describe('scoreMessage: how people type in a chat', () => {
  it('reads a stretched word as the word, stressed like one degree word', () => {
    assert.ok(sentiment('this is goooood') > sentiment('this is good'));
    assert.equal(sentiment('this is goooood'), sentiment('this is very good'));
    assert.ok(sentiment('it was sooooo bad') < sentiment('it was bad'), '"sooo" is "so"');
    assert.ok(sentiment('it is cooool') > 0, 'a doubled letter is kept when the word has one');
    assert.ok(sentiment('Noooo!') < 0, 'a stretched refusal is a refusal');
    assert.ok(sentiment('esto es inúuuuutil', 'es') < sentiment('esto es inútil', 'es'));
    assert.equal(sentiment('hmmm'), 0, 'a stretched word nobody rates stays unrated');
    assert.ok(sentiment('hahahahaha') > sentiment('hahaha'), 'laughter goes on: a longer laugh');
    assert.ok(sentiment('jajajajaja', 'es') > 0, 'in any language whose lexicon rates a laugh');
    assert.equal(sentiment('banana'), 0);
  });

  it('stops a negation at the end of its clause and at "but"', () => {
    assert.ok(sentiment("I don't know, thanks for the help") > 0.5);
    assert.ok(
      sentiment("I don't know thanks for the help") <
        sentiment("I don't know, thanks for the help"),
      'without the comma it reaches "thanks"',
    );
    assert.ok(sentiment('no sé, gracias por la ayuda', 'es') > 0.5);
    assert.ok(sentiment('not cheap but good') > 0);
    assert.ok(sentiment('nicht gut', 'de') < 0 && sentiment('nicht, gut', 'de') > 0);
    assert.ok(sentiment('the least. helpful') > 0, '"least" does not reach past a full stop');
    assert.ok(sentiment('No, good') < sentiment('good'), 'a "no" alone in its clause refuses');
  });

  it('counts a degree or negation word the lexicon rates when it modifies no opinion word', () => {
    assert.ok(sentiment('Super!') > 0.5, '"super" alone is praise');
    assert.ok(sentiment('super helpful') > sentiment('helpful'), 'before a word it strengthens it');
    assert.ok(sentiment('super helpful') < sentiment('Super! helpful'), 'and is not counted twice');
    assert.ok(sentiment('tudo bem, obrigado', 'pt') > sentiment('obrigado', 'pt'));
    assert.ok(sentiment('no funciona', 'es') < 0, 'a Spanish "no" that negates nothing refuses');
    assert.ok(sentiment('no hay problema', 'es') > 0, 'one that negates a word does not');
  });

  it('keeps a degree word to its clause', () => {
    assert.equal(sentiment('really, good'), sentiment('good'));
    assert.ok(sentiment('really good') > sentiment('good'));
  });

  it('reads an emoticon typed against a word, but not the end of an aside', () => {
    assert.ok(sentiment('thanks:)') > sentiment('thanks'));
    assert.ok(sentiment('ok:(') < 0);
    assert.equal(
      sentiment('thanks :)))'),
      sentiment('thanks :)'),
      'a mouth typed again is the same face',
    );
    assert.equal(sentiment('great :DDD'), sentiment('great :D'));
    assert.equal(sentiment('(see above):'), 0);
  });

  it('gives no opinion to the words of links, addresses and handles', () => {
    assert.equal(sentiment('see https://example.com/great-deals'), 0);
    assert.equal(sentiment('write to happy.customer@example.com'), 0);
    assert.equal(sentiment('ask @happy_days'), 0);
    assert.ok(sentiment('great, see www.example.com') > 0, 'the words around them still count');
  });

  it("reads a hashtag's words, also when they run together with capitals", () => {
    assert.equal(sentiment('#fail'), sentiment('fail'));
    assert.equal(sentiment('waited an hour #EpicFail'), sentiment('waited an hour epic fail'));
    assert.ok(sentiment('#NotHappy') < 0, 'negation inside the hashtag');
    assert.equal(sentiment('#epicfail'), 0, 'run together without capitals: one unknown word');
    assert.equal(sentiment('order #A12bC'), 0);
    assert.ok(sentiment('#MuyMal', 'es') < 0);
  });
});
