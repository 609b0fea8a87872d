import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customer, kindsAtEnd, rulesOnly } from './triggers.fixtures.js';

const languages = ['en', 'es', 'fr', 'de', 'pt'] as const;

describe('explicit request trigger, through the whole evaluation', () => {
  const asks = {
    en: 'Can I talk to a real person please?',
    es: 'Esto es inútil. Quiero hablar con un agente',
    fr: 'Je veux parler à un conseiller',
    de: 'Ich möchte mit einem Mitarbeiter sprechen',
    pt: 'Quero falar com um atendente',
  };
  const declines = {
    en: 'No need for an agent, I found it',
    es: 'No necesito un agente, gracias',
    fr: "Pas besoin d'un conseiller, merci",
    de: 'Ich brauche keinen Mitarbeiter, danke',
    pt: 'Não preciso falar com um atendente',
  };
  for (const language of languages) {
    it(`escalates a request for a human in ${language}, and says so`, () => {
      const [turn] = rulesOnly([customer(asks[language])], { language });
      assert.ok(turn!.escalates);
      assert.equal(turn!.fired[0]!.kind, 'explicit_request');
      assert.match(turn!.fired[0]!.explanation, new RegExp(`\\(${language} phrasing\\)`));
    });
    it(`is not fooled by a customer who needs no human, in ${language}`, () => {
      assert.deepEqual(kindsAtEnd(rulesOnly([customer(declines[language])], { language })), []);
    });
  }
  it('can be switched off per tenant', () => {
    const turns = rulesOnly([customer(asks.en)], {
      rules: { explicitRequest: { enabled: false } },
    });
    assert.deepEqual(kindsAtEnd(turns), []);
  });
});

describe('keyword trigger', () => {
  const hits = {
    en: ['I will call my LAWYER about this', 'legal'],
    es: ['Voy a poner una queja formal', 'complaint'],
    fr: ['Je veux résilier mon contrat', 'cancellation'],
    de: ['Das ist dringend, bitte', 'urgency'],
    pt: ['Vou falar com meu advogado', 'legal'],
  } as const;
  for (const language of languages) {
    const [text, list] = hits[language];
    it(`fires on the default "${list}" list in ${language}, ignoring case and accents`, () => {
      const [turn] = rulesOnly([customer(text!)], { language });
      const fired = turn!.fired.find(({ kind }) => kind === 'keyword');
      assert.ok(fired, `no keyword fired on "${text}"`);
      assert.equal(fired.rule, `keywords.${list}`);
      assert.ok(turn!.escalates);
    });
  }
  const ordinary = {
    en: 'I moved house and need a new address on the account',
    es: 'Me mudé y necesito cambiar la dirección',
    fr: "J'ai déménagé, il faut changer l'adresse",
    de: 'Ich bin umgezogen und brauche eine neue Adresse',
    pt: 'Mudei de casa e preciso trocar o endereço',
  };
  for (const language of languages) {
    it(`stays quiet on an ordinary request in ${language}`, () => {
      assert.deepEqual(kindsAtEnd(rulesOnly([customer(ordinary[language])], { language })), []);
    });
  }
  it('matches whole words only: "courtesy" is not "court", "urgently" is not "urgent"', () => {
    const turns = rulesOnly([
      customer('Thanks for the courtesy call'),
      customer('I urgently love this'),
    ]);
    assert.ok(turns.every((turn) => !turn.fired.some(({ kind }) => kind === 'keyword')));
  });
  it("uses the tenant's own lists and patterns instead of the defaults", () => {
    const rules = {
      keywords: {
        lists: [
          {
            name: 'outage',
            terms: ['no signal'],
            patterns: ['down\\s+for\\s+\\d+\\s+days'],
            priority: 6,
          },
        ],
      },
    };
    assert.deepEqual(kindsAtEnd(rulesOnly([customer('My line has NO SIGNAL')], { rules })), [
      'keyword',
    ]);
    assert.deepEqual(kindsAtEnd(rulesOnly([customer('internet down for 3 days')], { rules })), [
      'keyword',
    ]);
    assert.deepEqual(
      kindsAtEnd(rulesOnly([customer('I want to speak to a lawyer')], { rules })),
      [],
    );
  });
});

describe('sentiment trigger', () => {
  const furious = {
    en: 'This is terrible, I am very angry',
    es: 'Estoy harto, esto es horrible y una estafa',
    fr: "C'est affreux, horrible",
    de: 'Das ist furchtbar, schrecklich',
    pt: 'Isso é horrível, estou muito irritado',
  };
  const calm = {
    en: 'Thanks, that helps',
    es: 'Gracias, perfecto',
    fr: 'Merci beaucoup',
    de: 'Danke, super',
    pt: 'Obrigado, ótimo',
  };
  for (const language of languages) {
    it(`fires on a very negative message in ${language}, with the score it measured`, () => {
      const [turn] = rulesOnly([customer(furious[language])], { language });
      const fired = turn!.fired.find(({ kind }) => kind === 'sentiment');
      assert.ok(fired, `scored ${turn!.sentiment}`);
      assert.ok(fired.score! < -0.6);
      assert.match(fired.explanation, /below the tenant's -0\.6/);
    });
    it(`stays quiet on a calm message in ${language}`, () => {
      assert.deepEqual(kindsAtEnd(rulesOnly([customer(calm[language])], { language })), []);
    });
  }
  it('fires on a falling trajectory before any single message is very negative', () => {
    const turns = rulesOnly(
      [
        customer('Great, thanks a lot, that is wonderful'),
        customer('ok, fine'),
        customer('hmm, that is not really what I asked'),
        customer('this is bad, not helpful'),
      ],
      {
        rules: {
          sentiment: {
            below: -0.9,
            frustrationAbove: 1,
            falling: { turns: 3, drop: 0.6, below: -0.1 },
          },
        },
      },
    );
    const fired = turns.at(-1)!.fired.find(({ kind }) => kind === 'sentiment');
    assert.ok(fired, JSON.stringify(turns.map((turn) => turn.sentiment)));
    assert.match(fired.explanation, /fell from .* over 3 turns/);
  });
  it("follows the tenant's threshold", () => {
    const rules = { sentiment: { below: -0.9, frustrationAbove: 0.95 } };
    assert.deepEqual(kindsAtEnd(rulesOnly([customer(furious.en)], { rules })), []);
  });
});
