import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dryRun } from './dry-run.js';
import { bot, customer, kindsAtEnd, rulesOnly, scorerGiving } from './triggers.fixtures.js';

describe('repetition trigger', () => {
  const again = {
    en: ['Where is my order 5521?', 'where is my order 5521', 'Where is my order #5521??'],
    es: [
      '¿Dónde está mi pedido 5521?',
      'donde esta mi pedido 5521',
      '¿Dónde está mi pedido 5521??',
    ],
    fr: ['Où est ma commande 5521 ?', 'ou est ma commande 5521', 'Où est ma commande 5521 ??'],
    de: [
      'Wo ist meine Bestellung 5521?',
      'wo ist meine bestellung 5521',
      'Wo ist meine Bestellung 5521??',
    ],
    pt: ['Onde está meu pedido 5521?', 'onde esta meu pedido 5521', 'Onde está meu pedido 5521??'],
  };
  for (const [language, texts] of Object.entries(again)) {
    it(`fires when the customer says nearly the same thing a third time, in ${language}`, () => {
      const turns = rulesOnly(
        texts.flatMap((text) => [customer(text), bot('Let me check that for you.')]).slice(0, -1),
        { language },
      );
      assert.deepEqual(kindsAtEnd(turns), ['repetition']);
      assert.match(turns.at(-1)!.fired[0]!.explanation, /said the same thing 3 times/);
      assert.ok(turns.slice(0, -1).every((turn) => !turn.escalates));
    });
  }
  it('does not count different questions, or short answers such as "yes"', () => {
    const turns = rulesOnly([
      customer('Where is my order?'),
      customer('Can I change the address?'),
      customer('What about the invoice?'),
      customer('yes'),
      customer('yes'),
      customer('yes'),
    ]);
    assert.ok(turns.every((turn) => turn.fired.length === 0));
  });
  it('fires when the bot reads the same intent four times in a row, not three', () => {
    const answers = [
      'Refunds take 5 days.',
      'Track refunds online.',
      'Refunds go in order.',
      'Wait, please.',
    ];
    const asks = ['refund?', 'and?', 'hmm', 'so?'];
    const turns = rulesOnly(
      answers.flatMap((answer, n) => [
        customer(asks[n]!),
        bot(answer, { intent: 'refund.status', confidence: 0.9 }),
      ]),
    );
    assert.deepEqual(turns[5]!.fired, []);
    assert.ok(turns.at(-1)!.escalates);
    assert.deepEqual(kindsAtEnd(turns), ['repetition']);
    assert.match(turns.at(-1)!.fired[0]!.explanation, /same intent "refund.status" 4 times/);
  });
});

describe('bot trouble trigger', () => {
  it('fires on the second fallback', () => {
    const turns = rulesOnly([
      customer('my modem blinks orange'),
      bot("Sorry, I didn't get that.", { fallback: true }),
      customer('orange light on the modem'),
      bot("Sorry, I didn't get that.", { fallback: true }),
    ]);
    assert.ok(!turns[1]!.escalates);
    assert.ok(turns[3]!.fired.some(({ kind }) => kind === 'bot_trouble'));
    assert.match(
      turns[3]!.fired.find(({ kind }) => kind === 'bot_trouble')!.explanation,
      /fell back 2 times/,
    );
  });
  it('fires on intents read with low confidence, by the tenant threshold', () => {
    const transcript = [
      customer('la caja hace un ruido raro'),
      bot('¿Quieres cambiar tu plan?', { intent: 'plan.change', confidence: 0.3 }),
      customer('no, el ruido'),
      bot('¿Quieres ver tu factura?', { intent: 'billing.invoice', confidence: 0.35 }),
    ];
    assert.ok(
      rulesOnly(transcript, { language: 'es' })[3]!.fired.some(
        ({ kind }) => kind === 'bot_trouble',
      ),
    );
    const lenient = { botTrouble: { lowConfidence: 0.2 } };
    assert.deepEqual(kindsAtEnd(rulesOnly(transcript, { language: 'es', rules: lenient })), []);
  });
});

describe('loop trigger', () => {
  it('fires when the bot gives the same answer a third time', () => {
    const answer = 'You can reset your password from the login page.';
    const turns = rulesOnly([
      customer('I cannot log in'),
      bot(answer),
      customer('the reset link does not arrive'),
      bot(answer),
      customer('I told you, no email comes'),
      bot(answer),
    ]);
    assert.ok(turns.at(-1)!.fired.some(({ kind }) => kind === 'loop'));
    assert.ok(!turns[3]!.fired.some(({ kind }) => kind === 'loop'));
  });
  it('does not fire on different answers', () => {
    const turns = rulesOnly([bot('Hello!'), bot('How can I help?'), bot('Anything else?')]);
    assert.ok(turns.every((turn) => turn.fired.length === 0));
  });
});

describe('business rules trigger', () => {
  it('fires on a premium customer stuck for three turns, with the rule as written', () => {
    const rules = {
      businessRules: [
        {
          name: 'gold_waits',
          when: 'tier == "gold" and turns >= 3',
          explanation: 'Gold customers get a person after three turns.',
        },
      ],
    };
    const transcript = [
      customer('hola'),
      customer('mi factura'),
      customer('la factura de octubre'),
    ];
    const gold = rulesOnly(transcript, { rules, customerTier: 'gold', language: 'es' });
    assert.deepEqual(kindsAtEnd(gold), ['business_rule']);
    assert.equal(gold.at(-1)!.fired[0]!.rule, 'gold_waits: tier == "gold" and turns >= 3');
    assert.equal(
      gold.at(-1)!.fired[0]!.explanation,
      'Gold customers get a person after three turns.',
    );
    assert.deepEqual(
      kindsAtEnd(rulesOnly(transcript, { rules, customerTier: 'basic', language: 'es' })),
      [],
    );
  });
  it('reads collected variables and minutes', () => {
    const rules = {
      businessRules: [
        { name: 'big_claim', when: 'variables.claim_amount > 1000 or minutes >= 30' },
      ],
    };
    const big = rulesOnly([customer('I want to claim')], {
      rules,
      variables: { claim_amount: 5000 } as never,
    });
    assert.deepEqual(kindsAtEnd(big), ['business_rule']);
    const small = rulesOnly([customer('I want to claim')], {
      rules,
      variables: { claim_amount: 50 } as never,
    });
    assert.deepEqual(kindsAtEnd(small), []);
  });
});

describe('trained escalation score trigger', () => {
  const transcript = [customer('my parcel never arrived')];
  it('fires at the model threshold, saying the model version and score', () => {
    const [turn] = dryRun(transcript, { model: scorerGiving(0.82) });
    const fired = turn!.fired.find(({ kind }) => kind === 'escalation_score');
    assert.ok(fired);
    assert.match(
      fired.explanation,
      /model test-1 scores the conversation 0\.82 \(threshold 0\.7\)/,
    );
  });
  it('stays quiet below it, and follows a tenant threshold', () => {
    assert.deepEqual(kindsAtEnd(dryRun(transcript, { model: scorerGiving(0.5) })), []);
    const strict = { escalationScore: { threshold: 0.9 } };
    assert.deepEqual(
      kindsAtEnd(dryRun(transcript, { model: scorerGiving(0.82), rules: strict })),
      [],
    );
  });
});

describe('escalation episodes', () => {
  it('escalates once per episode: later triggers are held back, and say why', () => {
    const turns = rulesOnly([
      customer('I want to talk to a human'),
      customer('A HUMAN NOW, this is terrible!!!'),
    ]);
    assert.ok(turns[0]!.escalates);
    assert.ok(!turns[1]!.escalates);
    assert.ok(turns[1]!.fired.length > 0);
    assert.match(turns[1]!.heldBack!, /still open/);
  });
  it('orders the triggers by priority: legal (5) before an explicit request (3)', () => {
    const [turn] = rulesOnly([customer('Let me talk to a person or I call my lawyer')]);
    assert.deepEqual(
      turn!.fired.map(({ kind }) => kind),
      ['keyword', 'explicit_request'],
    );
  });
});

describe('the conversation triggers in every supported language', () => {
  const phrases = {
    en: {
      ask: 'my parcel is lost',
      again: 'it is still lost',
      answer: 'Please check the tracking page.',
      other: 'Anything else?',
    },
    es: {
      ask: 'mi paquete se perdió',
      again: 'sigue perdido',
      answer: 'Consulta la página de seguimiento.',
      other: '¿Algo más?',
    },
    fr: {
      ask: 'mon colis est perdu',
      again: 'il est toujours perdu',
      answer: 'Consultez la page de suivi.',
      other: 'Autre chose ?',
    },
    de: {
      ask: 'mein Paket ist verloren',
      again: 'es ist immer noch weg',
      answer: 'Bitte prüfen Sie die Sendungsverfolgung.',
      other: 'Noch etwas?',
    },
    pt: {
      ask: 'meu pacote sumiu',
      again: 'continua sumido',
      answer: 'Consulte a página de rastreio.',
      other: 'Mais alguma coisa?',
    },
  };
  for (const [language, say] of Object.entries(phrases)) {
    it(`loops: fires on the third same answer in ${language}, not on varied answers`, () => {
      const looping = rulesOnly(
        [
          customer(say.ask),
          bot(say.answer),
          customer(say.again),
          bot(say.answer),
          customer(say.ask),
          bot(say.answer),
        ],
        { language },
      );
      assert.ok(looping.at(-1)!.fired.some(({ kind }) => kind === 'loop'));
      const varied = rulesOnly(
        [customer(say.ask), bot(say.answer), customer(say.again), bot(say.other)],
        { language },
      );
      assert.ok(varied.every((turn) => !turn.fired.some(({ kind }) => kind === 'loop')));
    });
    it(`bot trouble: fires on the second fallback in ${language}, not on one`, () => {
      const once = rulesOnly(
        [customer(say.ask), bot(say.other, { fallback: true }), customer(say.again)],
        { language },
      );
      assert.ok(once.every((turn) => !turn.fired.some(({ kind }) => kind === 'bot_trouble')));
      const twice = rulesOnly(
        [
          customer(say.ask),
          bot(say.other, { fallback: true }),
          customer(say.again),
          bot(say.other, { fallback: true }),
        ],
        { language },
      );
      assert.ok(twice.at(-1)!.fired.some(({ kind }) => kind === 'bot_trouble'));
    });
    it(`business rules: read the conversation's language, ${language}`, () => {
      const rules = {
        businessRules: [{ name: 'by_language', when: `language == "${language}" and turns >= 2` }],
      };
      const turns = rulesOnly([customer(say.ask), customer(say.again)], { language, rules });
      assert.deepEqual(kindsAtEnd(turns), ['business_rule']);
      const elsewhere = rulesOnly([customer(say.ask), customer(say.again)], {
        language: language === 'en' ? 'es' : 'en',
        rules,
      });
      assert.deepEqual(kindsAtEnd(elsewhere), []);
    });
  }
});
