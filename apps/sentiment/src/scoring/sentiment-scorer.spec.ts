import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreMessage, scoreSentiment } from './sentiment-scorer.js';

const sentiment = (text: string, language = 'en') => scoreMessage(text, language).sentiment;
const frustration = (text: string, language = 'en') => scoreMessage(text, language).frustration;

interface LanguageCase {
  language: string;
  positive: string;
  negative: string;
  negated: string;
  boosted: [plain: string, boosted: string];
  contrast: string;
  shouted: [plain: string, shouted: string];
  withoutAccents?: [accented: string, plain: string];
}

const cases: LanguageCase[] = [
  {
    language: 'en',
    positive: 'This is great, thanks!',
    negative: 'This is terrible',
    negated: 'This is not good',
    boosted: ['the service was bad', 'the service was really bad'],
    contrast: 'The app is good but the service is awful',
    shouted: ['this is useless', 'this is USELESS'],
  },
  {
    language: 'es',
    positive: 'Muchas gracias, excelente servicio',
    negative: 'El servicio es terrible',
    negated: 'El servicio no es útil',
    boosted: ['el servicio es malo', 'el servicio es muy malo'],
    contrast: 'La app es genial pero el servicio es terrible',
    shouted: ['esto es inútil', 'esto es INÚTIL'],
    withoutAccents: ['Esto es inútil', 'esto es inutil'],
  },
  {
    language: 'fr',
    positive: 'Merci, service excellent',
    negative: 'Le service est horrible',
    negated: "Ce n'est pas génial",
    boosted: ['le service est mal', 'le service est vraiment mal'],
    contrast: "L'application est géniale mais le service est terrible",
    shouted: ['ceci est inutile', 'ceci est INUTILE'],
    withoutAccents: ["C'est génial", "c'est genial"],
  },
  {
    language: 'de',
    positive: 'Der Service ist ausgezeichnet',
    negative: 'Der Service ist schrecklich',
    negated: 'Der Service ist nicht gut',
    boosted: ['das ist schrecklich', 'das ist sehr schrecklich'],
    contrast: 'Die App ist gut aber der Service ist schrecklich',
    shouted: ['das ist nutzlos', 'das ist NUTZLOS'],
    withoutAccents: ['Ich bin wütend', 'ich bin wutend'],
  },
  {
    language: 'pt',
    positive: 'Muito obrigado, serviço excelente',
    negative: 'O atendimento é terrível',
    negated: 'O atendimento não é útil',
    boosted: ['o atendimento é mal', 'o atendimento é muito mal'],
    contrast: 'O aplicativo é excelente mas o atendimento é terrível',
    shouted: ['isto é inútil', 'isto é INÚTIL'],
    withoutAccents: ['O atendimento é terrível', 'o atendimento e terrivel'],
  },
];

for (const c of cases) {
  describe(`scoreMessage in ${c.language}`, () => {
    it('scores praise positive and complaints negative', () => {
      assert.ok(sentiment(c.positive, c.language) > 0.3, c.positive);
      assert.ok(sentiment(c.negative, c.language) < -0.3, c.negative);
    });

    it('turns a negated positive word negative', () => {
      assert.ok(sentiment(c.negated, c.language) < 0, c.negated);
    });

    it('strengthens a word after a degree word', () => {
      const [plain, boosted] = c.boosted;
      assert.ok(sentiment(boosted, c.language) < sentiment(plain, c.language), boosted);
    });

    it('lets the clause after a contrast word decide', () => {
      assert.ok(sentiment(c.contrast, c.language) < 0, c.contrast);
    });

    it('reads an upper-case word among lower-case ones as stronger', () => {
      const [plain, shouted] = c.shouted;
      assert.ok(sentiment(shouted, c.language) < sentiment(plain, c.language), shouted);
      assert.ok(frustration(shouted, c.language) > frustration(plain, c.language), shouted);
    });

    it('reads emoji and emoticons', () => {
      assert.ok(sentiment('😡', c.language) < 0);
      assert.ok(sentiment('😍', c.language) > 0);
      assert.ok(sentiment(':(', c.language) < 0);
    });

    if (c.withoutAccents) {
      it('scores a word written without its accents like the accented one', () => {
        const [accented, plain] = c.withoutAccents!;
        assert.notEqual(sentiment(accented, c.language), 0);
        assert.equal(sentiment(plain, c.language), sentiment(accented, c.language));
      });
    }
  });
}

describe('scoreMessage', () => {
  it('gives the Spanish request for an agent a negative score', () => {
    const scores = scoreMessage('Esto es inútil. Quiero hablar con un agente', 'es');
    assert.ok(scores.sentiment < -0.3);
    assert.ok(scores.frustration > 0);
  });

  it('detects the language when none is given, and reduces regional tags', () => {
    assert.equal(scoreMessage('Esto es inutil, quiero hablar con un agente ahora').language, 'es');
    assert.equal(scoreMessage('Obrigado', 'pt-BR').language, 'pt');
    assert.equal(scoreMessage('Thanks', 'xx').language, 'en');
  });

  it('scores a message without opinion words as neutral zero', () => {
    assert.deepEqual(scoreMessage('Where is my parcel, order 12345', 'en'), {
      sentiment: 0,
      frustration: 0,
      language: 'en',
    });
    assert.deepEqual(scoreMessage('', 'en'), { sentiment: 0, frustration: 0, language: 'en' });
  });

  it('softens a negated word rather than mirroring it', () => {
    assert.ok(Math.abs(sentiment('not good')) < Math.abs(sentiment('good')));
  });

  it('adds weight for exclamation marks, counting at most four', () => {
    assert.ok(sentiment('bad!') < sentiment('bad'));
    assert.ok(sentiment('bad!!!') < sentiment('bad!'));
    assert.equal(sentiment('bad!!!!!!'), sentiment('bad!!!!'));
  });

  it('keeps shouting and exclamations from giving a neutral message a sentiment, but not from frustrating', () => {
    assert.equal(sentiment('WHERE IS MY PARCEL!!!'), 0);
    assert.ok(frustration('WHERE IS MY PARCEL!!!') > 0.3);
    assert.equal(frustration('where is my parcel'), 0);
  });

  it('does not count enthusiasm as frustration', () => {
    assert.equal(frustration('THANK YOU SO MUCH!!!'), 0);
  });

  it('rates strong negative words and swearing as more frustrated than mild ones', () => {
    assert.ok(frustration('this is shit') > frustration('this is slow'));
  });

  it('stays within its ranges however strong the message', () => {
    const furious = scoreMessage(
      'TERRIBLE AWFUL HORRIBLE WORST SCAM, I HATE THIS, UNACCEPTABLE!!!!!!',
      'en',
    );
    const delighted = scoreMessage(
      'Excellent, awesome, perfect, I love it, great, so happy, thanks!!!',
      'en',
    );
    assert.ok(
      furious.sentiment >= -1 && furious.sentiment < -0.95,
      `furious scored ${furious.sentiment}`,
    );
    assert.ok(
      furious.frustration > 0.85 && furious.frustration <= 1,
      `furious frustration ${furious.frustration}`,
    );
    assert.ok(
      delighted.sentiment <= 1 && delighted.sentiment > 0.95,
      `delighted scored ${delighted.sentiment}`,
    );
  });

  it('survives binary, mixed-script and emoji-only input', () => {
    for (const text of ['\u0000\u0001\uFFFD', 'привет 你好 good', '👍🏽👍🏽', '!!!???']) {
      const { sentiment: value } = scoreMessage(text);
      assert.ok(value >= -1 && value <= 1, text);
    }
  });
});

describe('scoreSentiment', () => {
  it('labels the score, with a narrow neutral band', () => {
    assert.deepEqual(scoreSentiment('This is terrible', 'en').label, 'negative');
    assert.deepEqual(scoreSentiment('This is great', 'en').label, 'positive');
    assert.deepEqual(scoreSentiment('Where is my parcel', 'en'), { score: 0, label: 'neutral' });
  });

  it('rounds the score to three decimals', () => {
    const { score } = scoreSentiment('very good', 'en');
    assert.equal(score, Math.round(score * 1000) / 1000);
  });
});
