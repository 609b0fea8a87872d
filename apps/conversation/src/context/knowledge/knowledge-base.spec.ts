import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError } from '@handoff/service-kit';
import { KnowledgeBase, maxSuggestions, snippet } from './knowledge-base.js';
import { checkKnowledge, loadKnowledgeFile } from './load-knowledge.js';

const samplePath = new URL('../../../knowledge/sample-knowledge.json', import.meta.url).pathname;
const sample = loadKnowledgeFile(samplePath);
const knowledge = new KnowledgeBase(sample);

describe('KnowledgeBase', () => {
  it("finds the tenant's articles on the case, in the conversation's language, with a snippet", () => {
    const { articles } = knowledge.suggest('acme', {
      texts: ['I was charged twice, where is my refund?'],
      language: 'en',
    });
    assert.equal(articles[0]?.articleId, 'billing-double-charge');
    assert.equal(articles[0]?.url, 'https://help.acme.example/billing/double-charge');
    assert.match(articles[0]!.snippet!, /double charge/);
    assert.ok(articles.length <= maxSuggestions);
    assert.ok(articles.every(({ articleId }) => !articleId.includes('cobro')));
  });

  it('finds Spanish articles whatever the accents, and ranks replies for the intent first', () => {
    const { articles, replies } = knowledge.suggest('acme', {
      intent: 'account.cancel',
      texts: ['quiero cancelacion de mi suscripcion'],
      language: 'es-MX',
    });
    assert.equal(articles[0]?.articleId, 'cancelar-suscripcion');
    assert.match(replies[0]!.text, /^Puedo cancelar/);
    assert.ok(replies.every(({ text }) => !/subscription/.test(text)));
  });

  it('boosts replies written for the detected intent', () => {
    const query = { texts: ['my parcel and my charge'], language: 'en' };
    const plain = knowledge.suggest('acme', query).replies;
    const forBilling = knowledge.suggest('acme', { ...query, intent: 'billing.refund' }).replies;
    assert.match(forBilling[0]!.text, /double charge/);
    assert.ok(forBilling[0]!.score! > (plain.find(({ text }) => /double/.test(text))?.score ?? 0));
  });

  it('suggests nothing to a tenant without knowledge, or for an empty query', () => {
    assert.deepEqual(knowledge.suggest('globex', { texts: ['refund'], language: 'en' }), {
      replies: [],
      articles: [],
    });
    assert.deepEqual(knowledge.suggest('acme', { texts: [' '], language: 'en' }), {
      replies: [],
      articles: [],
    });
  });

  it('serves tenants not listed from the * entry', () => {
    const withDefault = new KnowledgeBase(
      checkKnowledge(
        {
          tenants: {
            '*': {
              articles: [{ articleId: 'a', title: 'Opening hours', body: 'We open at nine.' }],
            },
          },
        },
        'inline',
      ),
    );
    assert.equal(
      withDefault.suggest('globex', { texts: ['opening hours'], language: 'en' }).articles[0]
        ?.articleId,
      'a',
    );
  });
});

describe('the knowledge file', () => {
  it('names the file and every problem in it', () => {
    assert.throws(
      () =>
        checkKnowledge(
          { tenants: { acme: { articles: [{ title: '' }], extra: 1 } } },
          '/etc/kb.json',
        ),
      (error: Error) =>
        error instanceof ConfigError &&
        error.message.includes('/etc/kb.json') &&
        error.message.includes('tenants.acme.articles.0.articleId') &&
        error.message.includes('tenants.acme.articles.0.title') &&
        error.message.includes('tenants.acme'),
    );
    assert.throws(() => loadKnowledgeFile('/nonexistent/kb.json'), /\/nonexistent\/kb\.json/);
  });

  it('is optional, and the sample parses as shipped', () => {
    assert.deepEqual(loadKnowledgeFile(undefined), { tenants: {} });
    assert.equal(sample.tenants['acme']?.articles.length, 6);
    assert.ok(JSON.parse(readFileSync(samplePath, 'utf8')));
  });
});

describe('snippet', () => {
  it('is the first sentence holding a matched term, cut to fit', () => {
    assert.equal(
      snippet('Intro here. The refund takes days. More.', ['refund']),
      'The refund takes days.',
    );
    assert.equal(snippet('Nothing matches.', ['refund']), 'Nothing matches.');
    assert.ok(snippet('x'.repeat(400), []).endsWith('…'));
  });
});
