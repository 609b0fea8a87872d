import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreMessage } from './sentiment-scorer.js';

const sentiment = (text: string, language: string) => scoreMessage(text, language).sentiment;

describe('scoreMessage: inflected words read as the form the word list holds', () => {
  it('Spanish and Portuguese: feminine and plural', () => {
    assert.equal(sentiment('la atención fue mala', 'es'), sentiment('el servicio fue malo', 'es'));
    assert.ok(sentiment('las respuestas son malas', 'es') < 0);
    assert.ok(sentiment('muito obrigada', 'pt') > 0);
    assert.equal(sentiment('obrigada', 'pt'), sentiment('obrigado', 'pt'));
  });

  it('French: feminine and plural', () => {
    assert.ok(sentiment('la réponse est mauvaise', 'fr') < 0);
    assert.equal(sentiment('mauvaises', 'fr'), sentiment('mauvais', 'fr'));
  });

  it('German: adjective endings', () => {
    assert.ok(sentiment('das ist gute Arbeit', 'de') > 0);
    assert.equal(sentiment('schlechten', 'de'), sentiment('schlecht', 'de'));
  });

  it('leaves short words and English alone', () => {
    assert.equal(sentiment('las', 'es'), 0, 'a short word is grammar, not an inflection');
    assert.equal(sentiment('goods', 'en'), 0, 'English lists the forms people write');
  });
});
