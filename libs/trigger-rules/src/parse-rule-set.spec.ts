import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxTriggerRulesSourceLength } from '@handoff/contracts';
import { defaultRules } from './default-rules.js';
import { parseRuleSet, type ParsedRuleSet } from './parse-rule-set.js';

function problemsOf(parsed: ParsedRuleSet) {
  assert.equal(parsed.ok, false, 'expected the rule set to be refused');
  return parsed.ok ? [] : parsed.problems;
}

describe('parseRuleSet', () => {
  it('reads an empty document as the platform defaults', () => {
    for (const source of ['', '{}', '# nothing yet\n']) {
      const parsed = parseRuleSet(source);
      assert.ok(parsed.ok);
      assert.equal(parsed.compiled.sentiment.below, defaultRules.sentiment.below);
      assert.equal(parsed.compiled.keywords.lists.length, defaultRules.keywords.lists.length);
    }
  });

  it('takes YAML and JSON alike, each field given over its default', () => {
    const yaml = parseRuleSet('sentiment:\n  below: -0.4\ncooldownMinutes: 5\n');
    const json = parseRuleSet('{"sentiment": {"below": -0.4}, "cooldownMinutes": 5}');
    for (const parsed of [yaml, json]) {
      assert.ok(parsed.ok);
      assert.equal(parsed.compiled.sentiment.below, -0.4);
      assert.equal(
        parsed.compiled.sentiment.frustrationAbove,
        defaultRules.sentiment.frustrationAbove,
      );
      assert.equal(parsed.compiled.cooldownMinutes, 5);
    }
  });

  it('names the line of a value out of range and of a misspelt field', () => {
    const problems = problemsOf(
      parseRuleSet('loops:\n  sameAnswerTimes: 3\nsentiment:\n  below: -2\n  enabld: true\n'),
    );
    assert.deepEqual(problems, [
      { line: 4, path: 'sentiment.below', message: 'must be >= -1' },
      { line: 5, path: 'sentiment.enabld', message: 'unknown field "enabld"' },
    ]);
  });

  it('names the line of a business rule that does not parse, or reads a field that does not exist', () => {
    const source = [
      'businessRules:',
      '  - name: ok_rule',
      '    when: tier == "gold"',
      '  - name: broken',
      '    when: "turns >>"',
      '  - name: misspelt',
      '    when: turnz >= 3',
    ].join('\n');
    const problems = problemsOf(parseRuleSet(source));
    assert.equal(problems.length, 2);
    assert.equal(problems[0]!.line, 5);
    assert.equal(problems[0]!.path, 'businessRules.1.when');
    assert.match(problems[0]!.message, /does not parse/);
    assert.equal(problems[1]!.line, 7);
    assert.match(problems[1]!.message, /unknown field "turnz"/);
  });

  it('names the line of a keyword pattern that is not a regular expression', () => {
    const source =
      'keywords:\n  lists:\n    - name: outage\n      patterns:\n        - "(unclosed"\n';
    const [problem] = problemsOf(parseRuleSet(source));
    assert.equal(problem!.line, 5);
    assert.equal(problem!.path, 'keywords.lists.0.patterns.0');
    assert.match(problem!.message, /not a valid pattern/);
  });

  it('names the line of a syntax error', () => {
    const [problem] = problemsOf(parseRuleSet('sentiment:\n  below: [1,\n'));
    assert.equal(problem!.path, '(syntax)');
    assert.ok(problem!.line! >= 2);
  });

  it('refuses a document over the size limit without reading it', () => {
    const [problem] = problemsOf(parseRuleSet(`# ${'x'.repeat(maxTriggerRulesSourceLength)}`));
    assert.match(problem!.message, /longer than/);
  });

  it('refuses a document that is not a mapping', () => {
    assert.ok(problemsOf(parseRuleSet('- just\n- a list\n')).length > 0);
  });
});
