import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectExplicitRequest } from './explicit-request.js';

const requests: { language: string; text: string }[] = [
  { language: 'en', text: 'I want to talk to a human' },
  { language: 'en', text: 'Can I speak with a real person please?' },
  { language: 'en', text: 'connect me to an agent' },
  { language: 'en', text: 'please let me chat with a live agent' },
  { language: 'en', text: 'transfer me to customer service' },
  { language: 'en', text: 'Human please' },
  { language: 'en', text: 'Agent!' },
  { language: 'en', text: 'are you a robot or a human?' },
  { language: 'es', text: 'Quiero hablar con un agente' },
  { language: 'es', text: 'Necesito hablar con una persona' },
  { language: 'es', text: '¿Puedo hablar con un humano?' },
  { language: 'fr', text: 'Je veux parler à un conseiller' },
  { language: 'fr', text: 'Je voudrais parler avec un humain' },
  { language: 'fr', text: 'Passez-moi un conseiller, svp' },
  { language: 'de', text: 'Ich möchte mit einem Mitarbeiter sprechen' },
  { language: 'de', text: 'Kann ich mit einem Menschen sprechen?' },
  { language: 'de', text: 'Verbinden Sie mich mit einem Mitarbeiter' },
  { language: 'pt', text: 'Quero falar com um atendente' },
  { language: 'pt', text: 'Preciso falar com uma pessoa' },
  { language: 'pt', text: 'Posso falar com um humano?' },
  { language: 'pt', text: 'Me passa para um humano' },
  { language: 'pt', text: 'Me transfere para um atendente' },
];

const notRequests = [
  "I don't want to talk to a human, just fix it",
  'no quiero hablar con una persona',
  'the agent was rude',
  'I need to change my address',
  'Your agent never called me back',
  'The representative was helpful',
  'I want to cancel my order',
  'I am human',
  'Please update my human resources contact',
  'el agente fue grosero',
  'Quiero cambiar mi dirección',
  'Je veux changer mon adresse',
  'Ich will meine Adresse ändern',
  'Quero mudar meu endereço',
];

describe('detectExplicitRequest', () => {
  for (const { language, text } of requests) {
    it(`recognises "${text}" as a ${language} request for a human`, () => {
      const match = detectExplicitRequest(text);
      assert.ok(match, 'expected a match');
      assert.equal(match.kind, 'explicit_request');
      assert.equal(
        match.explanation,
        `The customer asked to talk to a human (${language} phrasing).`,
      );
    });
  }

  for (const text of notRequests) {
    it(`does not escalate "${text}"`, () => {
      assert.equal(detectExplicitRequest(text), null);
    });
  }

  it('reports the matched phrase, accent-folded and lower-cased', () => {
    assert.equal(
      detectExplicitRequest('Ich MÖCHTE mit einem Mitarbeiter sprechen')?.matchedText,
      'mochte mit einem mitarbeiter',
    );
    assert.equal(detectExplicitRequest('  AGENT  ')?.matchedText, 'agent');
  });

  it('keeps the matched phrase within the 200 characters the contract allows', () => {
    const padded = detectExplicitRequest(`I want to talk to${' '.repeat(300)}a human`);
    assert.ok(padded, 'expected a match');
    assert.ok(padded.matchedText.length <= 200);
  });

  it('reports only the request, not the rest of a long message', () => {
    const long = detectExplicitRequest(
      `${'blah '.repeat(500)} I want to talk to a human ${'blah '.repeat(500)}`,
    );
    assert.equal(long?.matchedText, 'want to talk to a human');
  });
});
