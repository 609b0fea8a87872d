import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultTemplates } from './default-templates/default-templates.js';
import {
  describeProblems,
  isSupportedLanguage,
  validateTemplateSet,
} from './template-validation.js';

describe('validateTemplateSet', () => {
  it('finds nothing wrong with the platform wording in any language', () => {
    for (const [language, templates] of Object.entries(defaultTemplates)) {
      const set = Object.fromEntries(
        Object.entries(templates).map(([template, source]) => [template, { [language]: source }]),
      );
      assert.deepEqual(validateTemplateSet(set), [], language);
    }
  });

  it('accepts a regional tag and a brand voice using only the offered variables', () => {
    assert.deepEqual(
      validateTemplateSet({
        'handoff.queued': {
          'pt-BR': '{position, select, none {Na fila!} other {Você é o {position}º.}}',
        },
      }),
      [],
    );
  });

  it("names the template, language and the parser's message and position for bad syntax", () => {
    assert.deepEqual(validateTemplateSet({ 'handoff.agent_joined': { es: 'Hola {agentName' } }), [
      {
        template: 'handoff.agent_joined',
        language: 'es',
        kind: 'syntax',
        message: 'syntax error EXPECT_ARGUMENT_CLOSING_BRACE at line 1, column 6 (offset 5)',
      },
    ]);
    const [missingOther] = validateTemplateSet({
      'handoff.queued': { en: '{waitMinutes, plural, one {# minute}}' },
    });
    assert.equal(missingOther?.kind, 'syntax');
    assert.match(missingOther!.message, /MISSING_OTHER_CLAUSE/);
  });

  it('names each variable a template does not offer, in branches too', () => {
    const problems = validateTemplateSet({
      'handoff.agent_joined': { en: '{agentName} here, {customerName}' },
      'handoff.leave_message': {
        fr: '{position, select, none {Laissez un message} other {n° {position}}}',
      },
    });
    assert.deepEqual(
      problems.map(({ template, language, kind, message }) => [template, language, kind, message]),
      [
        [
          'handoff.agent_joined',
          'en',
          'unknown_variable',
          'variable customerName is not offered (offered: agentName)',
        ],
        [
          'handoff.leave_message',
          'fr',
          'unknown_variable',
          'variable position is not offered (offered: none)',
        ],
      ],
    );
  });

  it('names a template the platform never sends and a language it cannot word', () => {
    const problems = validateTemplateSet({
      'handoff.goodbye': { en: 'Bye' },
      'handoff.csat': { xx: 'Rate {agentName}', en: 'Rate {agentName}' },
    });
    assert.deepEqual(
      problems.map(({ template, language, kind }) => [template, language, kind]),
      [
        ['handoff.goodbye', 'en', 'unknown_template'],
        ['handoff.csat', 'xx', 'unsupported_language'],
      ],
    );
  });

  it('refuses a source that renders to nothing when its variables are absent', () => {
    const [problem] = validateTemplateSet({
      'handoff.callback': { en: '{callbackTime, select, none {} other {At {callbackTime}.}}' },
    });
    assert.equal(problem?.kind, 'cannot_render');
  });

  it('reads tags as text, since a notice is plain text', () => {
    assert.deepEqual(
      validateTemplateSet({ 'handoff.leave_message': { en: 'Write <b>here</b>' } }),
      [],
    );
  });

  it('describes problems in one line for a dead letter', () => {
    assert.equal(
      describeProblems(validateTemplateSet({ x: { en: 'a' }, 'handoff.csat': { en: '{b}' } })),
      'x [en]: the platform sends no template named x; handoff.csat [en]: variable b is not offered (offered: agentName)',
    );
  });
});

describe('isSupportedLanguage', () => {
  it('knows the languages the runtime has plural rules for', () => {
    for (const tag of ['en', 'pt-BR', 'es-419', 'zh-Hant-TW'])
      assert.ok(isSupportedLanguage(tag), tag);
    for (const tag of ['xx', 'zz-ZZ', 'not a tag']) assert.ok(!isSupportedLanguage(tag), tag);
  });
});
