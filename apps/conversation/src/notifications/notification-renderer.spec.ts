import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notificationTemplateNames } from '@handoff/contracts';
import { NotificationRenderer } from './notification-renderer.js';
import type { TemplateSources } from './template-sources.js';

const catalogued = ['en', 'es', 'fr', 'de', 'pt'];
const renderer = new NotificationRenderer();
const render = renderer.render.bind(renderer);

describe('NotificationRenderer with the platform wording', () => {
  it('tells the customer which agent they are being connected with, or that one is coming', () => {
    const rendered = render('handoff.connecting', 'en', { agentName: 'Ana Silva' });
    assert.equal(rendered.language, 'en');
    assert.match(rendered.text, /^I'm connecting you with Ana Silva\./);
    assert.match(
      render('handoff.connecting', 'en', {}).text,
      /^I'm connecting you with an agent\./,
    );
  });

  it('uses the conversation language when it has wording for it', () => {
    assert.equal(render('handoff.queued', 'fr', {}).language, 'fr');
    assert.match(
      render('handoff.connecting', 'de', { agentName: 'Bo' }).text,
      /^Ich verbinde Sie mit Bo\./,
    );
  });

  it('falls back from a regional tag to its language', () => {
    const brazilian = render('handoff.connecting', 'pt-BR', { agentName: 'Caio' });
    assert.deepEqual(brazilian, render('handoff.connecting', 'pt', { agentName: 'Caio' }));
    assert.equal(brazilian.language, 'pt');
    assert.equal(render('handoff.queued', 'es-419', {}).language, 'es');
  });

  it('falls back to English for a language without wording', () => {
    for (const language of ['ja', 'zh-Hant-TW', 'nl-BE'])
      assert.deepEqual(
        render('handoff.queued', language, {}),
        render('handoff.queued', 'en', {}),
        language,
      );
  });

  it('has every template in every catalogued language, naming the agent where the template offers one', () => {
    for (const language of catalogued) {
      for (const template of notificationTemplateNames) {
        const named = render(template, language, { agentName: 'Zoë', position: 2, waitMinutes: 3 });
        assert.equal(named.language, language, `${template} in ${language}`);
        assert.ok(named.text.length > 20, `${language} ${template}: ${named.text}`);
        const offersAgent = [
          'handoff.connecting',
          'handoff.agent_joined',
          'handoff.transferred',
          'handoff.csat',
        ];
        assert.equal(
          named.text.includes('Zoë'),
          offersAgent.includes(template),
          `${language} ${template}`,
        );
        assert.ok(
          !/\{|\}|none/.test(render(template, language, {}).text),
          `${language} ${template} without values`,
        );
      }
    }
  });

  it('gives different wording in each language', () => {
    const texts = new Set(
      catalogued.map((language) => render('handoff.queued', language, {}).text),
    );
    assert.equal(texts.size, catalogued.length);
  });

  it('has a distinct notice per policy in every catalogued language', () => {
    for (const language of catalogued) {
      const texts = (
        [
          'handoff.callback',
          'handoff.leave_message',
          'handoff.back_to_bot',
          'handoff.closed_hours',
        ] as const
      ).map((template) => render(template, language, {}).text);
      assert.equal(new Set(texts).size, 4, language);
    }
  });
});

describe('NotificationRenderer for a place in the queue', () => {
  it('adds the place and the expected wait when routing gave them, counting minutes in the plural', () => {
    assert.match(
      render('handoff.queued', 'en', { position: 3, waitMinutes: 4 }).text,
      /You're number 3 in the queue\. The expected wait is about 4 minutes\.$/,
    );
    assert.match(
      render('handoff.queued', 'en', { waitMinutes: 1 }).text,
      /free\. The expected wait is about 1 minute\.$/,
    );
    assert.match(
      render('handoff.queued', 'pt-BR', { position: 2 }).text,
      /Você é o número 2 na fila\.$/,
    );
    assert.match(render('handoff.queued', 'es', { waitMinutes: 1 }).text, /es de un minuto\.$/);
    assert.match(
      render('handoff.queued', 'es', { waitMinutes: 7 }).text,
      /es de unos 7 minutos\.$/,
    );
    assert.match(render('handoff.queued', 'de', { waitMinutes: 1 }).text, /etwa 1 Minute\.$/);
    assert.match(render('handoff.queued', 'de', { waitMinutes: 2 }).text, /etwa 2 Minuten\.$/);
  });

  it('says nothing of a place it does not know', () => {
    assert.equal(
      render('handoff.queued', 'en', {}).text,
      "All our agents are busy right now. You're in the queue and we'll connect you as soon as someone is free.",
    );
    assert.equal(
      render('handoff.position_update', 'fr', { waitMinutes: 5 }).text,
      "Vous êtes toujours dans la file d'attente. L'attente estimée est d'environ 5 minutes.",
    );
    assert.equal(
      render('handoff.position_update', 'en', { position: 1 }).text,
      "You're now number 1 in the queue.",
    );
  });
});

describe('NotificationRenderer for the other notices, in two languages', () => {
  const cases = [
    [
      'handoff.agent_joined',
      { agentName: 'Ana' },
      /^Ana has joined the conversation/,
      /^Ana se ha unido a la conversación/,
    ],
    [
      'handoff.transferred',
      { queue: 'Billing' },
      /^I'm transferring you to Billing\./,
      /^Te estoy transfiriendo a Billing\./,
    ],
    [
      'handoff.transferred',
      { agentName: 'Bo', queue: 'Billing' },
      /^I'm transferring you to Bo\./,
      /^Te estoy transfiriendo a Bo\./,
    ],
    [
      'handoff.callback',
      { callbackTime: '14:30' },
      /We'll call you back at 14:30\.$/,
      /Te llamaremos a las 14:30\.$/,
    ],
    [
      'handoff.closed_hours',
      { opensAt: '9:00' },
      /We open again at 9:00\.$/,
      /Abrimos de nuevo a las 9:00\.$/,
    ],
    ['handoff.closed_hours', {}, /during our opening hours\.$/, /horario de atención\.$/],
    ['handoff.leave_message', {}, /Leave us a message here/, /Déjanos un mensaje aquí/],
    ['handoff.back_to_bot', {}, /back with the virtual assistant/, /con el asistente virtual/],
    [
      'handoff.csat',
      { agentName: 'Ana' },
      /^How would you rate your conversation with Ana\? Reply with a number from 1 to 5\.$/,
      /^¿Cómo valorarías tu conversación con Ana\? Responde con un número del 1 al 5\.$/,
    ],
  ] as const;
  for (const [template, values, english, spanish] of cases)
    it(`renders ${template} with ${JSON.stringify(values)}`, () => {
      assert.match(render(template, 'en', values).text, english);
      assert.match(render(template, 'es', values).text, spanish);
    });
});

describe('NotificationRenderer with a tenant set', () => {
  const tenant: TemplateSources = {
    'handoff.agent_joined': {
      en: '{agentName} from Acme is here for you!',
      es: '¡{agentName} de Acme está contigo!',
      'pt-BR': '{agentName} da Acme chegou!',
    },
    'handoff.csat': { en: 'Rate {agentName}, 1 to 5.' },
  };

  it('uses the exact tag, then the base language, then the tenant English', () => {
    assert.deepEqual(render('handoff.agent_joined', 'pt-BR', { agentName: 'Caio' }, tenant), {
      language: 'pt-BR',
      text: 'Caio da Acme chegou!',
    });
    assert.deepEqual(render('handoff.agent_joined', 'es-MX', { agentName: 'Ana' }, tenant), {
      language: 'es',
      text: '¡Ana de Acme está contigo!',
    });
    assert.deepEqual(render('handoff.csat', 'de', { agentName: 'Ana' }, tenant), {
      language: 'en',
      text: 'Rate Ana, 1 to 5.',
    });
  });

  it('uses the platform wording for a template the tenant left out, in the language or else English', () => {
    assert.deepEqual(
      render('handoff.queued', 'fr-CA', {}, tenant),
      render('handoff.queued', 'fr', {}),
    );
    assert.deepEqual(
      render('handoff.queued', 'ja', {}, tenant),
      render('handoff.queued', 'en', {}),
    );
  });

  it('keeps a replaced set apart from its successor', () => {
    const successor: TemplateSources = { 'handoff.agent_joined': { en: 'Now with {agentName}.' } };
    assert.match(
      render('handoff.agent_joined', 'en', { agentName: 'Al' }, tenant).text,
      /from Acme/,
    );
    assert.equal(
      render('handoff.agent_joined', 'en', { agentName: 'Al' }, successor).text,
      'Now with Al.',
    );
  });

  it('falls back to the platform wording when a tenant source cannot render', () => {
    const broken: TemplateSources = { 'handoff.agent_joined': { es: 'Hola {agentName' } };
    assert.deepEqual(
      render('handoff.agent_joined', 'es', { agentName: 'Ana' }, broken),
      render('handoff.agent_joined', 'es', { agentName: 'Ana' }),
    );
  });

  it('cuts a text longer than a notification may be', () => {
    const long: TemplateSources = {
      'handoff.agent_joined': { en: `${'a'.repeat(1990)} {agentName}` },
    };
    const { text } = render('handoff.agent_joined', 'en', { agentName: 'b'.repeat(50) }, long);
    assert.equal(text.length, 2000);
    assert.ok(text.endsWith('…'));
  });
});
