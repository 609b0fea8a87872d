import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readVaderIdioms } from './idioms.js';
import { joinPhrases } from './phrases.js';

describe('idioms', () => {
  const idioms = readVaderIdioms();

  it("reads VADER's idioms from the package with their valences", () => {
    assert.equal(idioms.valences.get('the bomb'), 3);
    assert.equal(idioms.valences.get('kiss of death'), -1.5);
    assert.equal(idioms.valences.get('yeah right'), -2);
    assert.ok(idioms.valences.size >= 7);
    assert.equal(idioms.longest, 3);
  });

  it('joins an idiom into its first word and blanks the rest, within a clause', () => {
    const keys = ['a', 'kiss', 'of', 'death', 'yeah', 'right'];
    joinPhrases(keys, [0, 0, 0, 0, 1, 2], idioms);
    assert.deepEqual(keys, ['a', 'kiss of death', '', '', 'yeah', 'right']);
  });

  it('leaves words that only start an idiom alone', () => {
    const keys = ['the', 'bot', 'is', 'the', 'bomb'];
    joinPhrases(keys, [0, 0, 0, 0, 0], idioms);
    assert.deepEqual(keys, ['the', 'bot', 'is', 'the bomb', '']);
  });
});
