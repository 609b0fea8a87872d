import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGroundTruth } from './icwsm-2014.js';
import { parseTsvSet } from './tsv-sets.js';
import { loadUciSentences, parseUciSentences } from './uci-sentences.js';

describe('ICWSM-2014 ground truth', () => {
  it('reads id, mean rating and text per line, CRLF and tabs in the text included', () => {
    const set = parseGroundTruth('1\t2.5\tGreat day!\r\n2\t-1.75\tmeh\tnot good\r\n\r\n', 'toy');
    assert.equal(set.kind, 'rated');
    assert.equal(set.language, 'en');
    assert.deepEqual(set.items, [
      { text: 'Great day!', language: 'en', human: 2.5 },
      { text: 'meh\tnot good', language: 'en', human: -1.75 },
    ]);
  });

  it('names the line that is not a rating', () => {
    assert.throws(() => parseGroundTruth('1\t0.5\tfine\n2\tx\tbroken\n', 'toy'), /toy: line 2/);
    assert.throws(() => parseGroundTruth('1\t\ttext\n', 'toy'), /line 1/);
    assert.throws(() => parseGroundTruth('1\t0.5\n', 'toy'), /line 1/);
  });
});

describe('UCI labelled sentences', () => {
  it('maps class 1 to positive and 0 to negative, skipping the empty placeholder', () => {
    const set = parseUciSentences(
      [
        { text: 'Works great.', class: 1 },
        { text: 'Broke in a week.', class: 0 },
        { text: '', class: null },
      ],
      'toy',
    );
    assert.deepEqual(set.items, [
      { text: 'Works great.', language: 'en', label: 'positive' },
      { text: 'Broke in a week.', language: 'en', label: 'negative' },
    ]);
  });

  it('refuses entries without a text or a 0/1 class', () => {
    assert.throws(() => parseUciSentences([{ text: 'x', class: 2 }], 'toy'), /entry 0/);
    assert.throws(() => parseUciSentences({}, 'toy'), /array/);
  });

  it('loads the three sets from the installed package, balanced, 1,000 sentences each', () => {
    const sets = loadUciSentences();
    assert.deepEqual(
      sets.map((set) => set.name),
      ['UCI amazon', 'UCI imdb', 'UCI yelp'],
    );
    for (const set of sets) {
      assert.equal(set.items.length, 1000);
      assert.equal(set.kind, 'labelled');
      if (set.kind === 'labelled') {
        assert.equal(set.items.filter((item) => item.label === 'positive').length, 500);
      }
    }
  });
});

describe('own TSV sets', () => {
  it('reads a labelled set, skipping comments and blank lines', () => {
    const set = parseTsvSet(
      '# language, label, text\nes\tpositive\t¡Me encanta!\n\nfr\tnegative\tC’est nul\n',
      'mine',
    );
    assert.equal(set.kind, 'labelled');
    assert.equal(set.language, 'es, fr');
    assert.deepEqual(set.items[1], { text: 'C’est nul', language: 'fr', label: 'negative' });
  });

  it('reads a rated set', () => {
    const set = parseTsvSet('de\t4.5\tSuper\nde\t-3\tSchlecht\n', 'mine');
    assert.equal(set.kind, 'rated');
    assert.equal(set.language, 'de');
    assert.deepEqual(
      set.items.map((item) => ('human' in item ? item.human : undefined)),
      [4.5, -3],
    );
  });

  it('refuses mixed kinds, unknown labels, missing columns and empty sets', () => {
    assert.throws(() => parseTsvSet('pt\tpositive\tbom\npt\t2\tótimo\n', 'mine'), /line 2 mixes/);
    assert.throws(() => parseTsvSet('pt\tgood\tbom\n', 'mine'), /"good" is neither/);
    assert.throws(() => parseTsvSet('pt\tpositive\n', 'mine'), /line 1 is not/);
    assert.throws(() => parseTsvSet('# nothing\n', 'mine'), /no items/);
  });
});
