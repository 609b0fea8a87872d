import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { templateProblems } from './template-syntax.js';

describe('templateProblems', () => {
  it('accepts known templates with their variables, plural and select included', () => {
    assert.deepEqual(
      templateProblems({
        'handoff.queued': {
          en: 'You are number {position} in line, about {waitMinutes, plural, one {# minute} other {# minutes}}.',
        },
        'handoff.transferred': { es: '{queue, select, other {Te pasamos a {agentName}.}}' },
        'handoff.back_to_bot': { en: 'Back to the assistant.' },
      }),
      [],
    );
  });

  it('names the template and language of bad syntax, with the parser error', () => {
    const [problem] = templateProblems({ 'handoff.connecting': { fr: 'Bonjour {agentName' } });
    assert.equal(problem?.template, 'handoff.connecting');
    assert.equal(problem?.language, 'fr');
    assert.match(problem!.problem, /^ICU syntax error: /);
  });

  it('refuses unknown variables, unknown templates and markup', () => {
    assert.deepEqual(templateProblems({ 'handoff.csat': { en: 'Rate {agentName} {secret}' } }), [
      {
        template: 'handoff.csat',
        language: 'en',
        problem: 'unknown variable {secret} (allowed: {agentName})',
      },
    ]);
    assert.match(
      templateProblems({ 'handoff.nope': { en: 'x' } })[0]!.problem,
      /^unknown template/,
    );
    assert.match(
      templateProblems({ 'handoff.agent_joined': { en: '<b>{agentName}</b> joined' } })[0]!.problem,
      /markup tags are not supported/,
    );
  });
});
