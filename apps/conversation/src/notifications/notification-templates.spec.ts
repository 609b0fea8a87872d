import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderNotification } from './notification-templates.js';

const catalogued = ['en', 'es', 'fr', 'de', 'pt'];

describe('renderNotification', () => {
  it('tells the customer which agent they are being connected with', () => {
    const rendered = renderNotification('handoff.connecting', 'en', { agentName: 'Ana Silva' });
    assert.equal(rendered.language, 'en');
    assert.match(rendered.text, /connecting you with Ana Silva\./);
  });

  it('tells the customer they are queued', () => {
    const rendered = renderNotification('handoff.queued', 'en', { agentName: '' });
    assert.match(rendered.text, /in the queue/);
  });

  it('uses the conversation language when it has wording for it', () => {
    assert.deepEqual(renderNotification('handoff.queued', 'fr', { agentName: '' }).language, 'fr');
    assert.match(
      renderNotification('handoff.connecting', 'de', { agentName: 'Bo' }).text,
      /^Ich verbinde Sie mit Bo\./,
    );
  });

  it('falls back from a regional tag to its language', () => {
    const brazilian = renderNotification('handoff.connecting', 'pt-BR', { agentName: 'Caio' });
    assert.deepEqual(
      brazilian,
      renderNotification('handoff.connecting', 'pt', { agentName: 'Caio' }),
    );
    assert.equal(brazilian.language, 'pt');
    assert.equal(renderNotification('handoff.queued', 'es-419', { agentName: '' }).language, 'es');
  });

  it('falls back to English for a language without wording', () => {
    for (const language of ['ja', 'zh-Hant-TW', 'nl-BE']) {
      const rendered = renderNotification('handoff.queued', language, { agentName: '' });
      assert.deepEqual(
        rendered,
        renderNotification('handoff.queued', 'en', { agentName: '' }),
        language,
      );
    }
  });

  it('has both notices in every catalogued language, naming the agent when connecting', () => {
    for (const language of catalogued) {
      const connecting = renderNotification('handoff.connecting', language, { agentName: 'Zoë' });
      const queued = renderNotification('handoff.queued', language, { agentName: 'Zoë' });
      assert.equal(connecting.language, language);
      assert.ok(connecting.text.includes('Zoë'), `${language} connecting notice names the agent`);
      assert.ok(
        queued.text.length > 0 && !queued.text.includes('Zoë'),
        `${language} queued notice names nobody`,
      );
    }
  });

  it('gives different wording in each language', () => {
    const texts = new Set(
      catalogued.map(
        (language) => renderNotification('handoff.queued', language, { agentName: '' }).text,
      ),
    );
    assert.equal(texts.size, catalogued.length);
  });
});

describe('renderNotification for a place in the queue and no agent', () => {
  it('adds the place and the expected wait when routing gave them', () => {
    const rendered = renderNotification('handoff.queued', 'en', {
      agentName: '',
      position: 3,
      waitMinutes: 4,
    });
    assert.match(
      rendered.text,
      /You're number 3 in the queue\. The expected wait is about 4 min\.$/,
    );
    assert.match(
      renderNotification('handoff.queued', 'pt-BR', { agentName: '', position: 2 }).text,
      /Você é o número 2 na fila\.$/,
    );
  });

  it('has a distinct notice per policy in every catalogued language', () => {
    for (const language of catalogued) {
      const texts = (
        ['handoff.callback', 'handoff.leave_message', 'handoff.back_to_bot'] as const
      ).map((template) => renderNotification(template, language, { agentName: '' }).text);
      assert.equal(new Set(texts).size, 3, language);
      for (const text of texts) assert.ok(text.length > 20, `${language}: ${text}`);
    }
  });
});
