import type { TriggerRules } from '@handoff/contracts';
import { compileCondition, UnknownFieldError } from './business-rules.js';
import {
  sampleFacts,
  type CompiledBusinessRule,
  type CompiledKeywordList,
  type CompiledRules,
} from './compiled-rules.js';
import { defaultRules } from './default-rules.js';
import { foldCase } from './fold.js';

/** Where in the rule set a problem is, as a path of keys and indexes, and what it is. */
export interface RuleProblem {
  path: (string | number)[];
  message: string;
}

export class RuleSetError extends Error {
  constructor(readonly problems: RuleProblem[]) {
    super(
      problems
        .map(({ path, message }) => `${path.join('.') || '(rule set)'}: ${message}`)
        .join('; '),
    );
    this.name = 'RuleSetError';
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function keywordMatcher(
  terms: readonly string[],
  patterns: readonly string[],
  at: (string | number)[],
  problems: RuleProblem[],
): RegExp {
  const alternatives = terms.map((term) =>
    escapeRegExp(foldCase(term.trim())).replace(/\s+/g, '\\s+'),
  );
  patterns.forEach((pattern, index) => {
    try {
      new RegExp(pattern, 'u');
      alternatives.push(`(?:${pattern})`);
    } catch (error) {
      problems.push({
        path: [...at, 'patterns', index],
        message: `not a valid pattern: ${(error as Error).message}`,
      });
    }
  });
  // Word boundaries that know letters beyond ASCII: "court" does not match "courtesy".
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${alternatives.join('|') || '(?!)'})(?![\\p{L}\\p{N}])`,
    'u',
  );
}

function compileKeywords(rules: TriggerRules, problems: RuleProblem[]): CompiledKeywordList[] {
  const lists = rules.keywords?.lists ?? defaultRules.keywords.lists;
  return lists.map((list, index) => {
    const at = ['keywords', 'lists', index];
    const terms = list.terms ?? [];
    const patterns = 'patterns' in list ? (list.patterns ?? []) : [];
    if (terms.length + patterns.length === 0)
      problems.push({ path: at, message: 'a keyword list needs terms or patterns' });
    return {
      name: list.name,
      matcher: keywordMatcher(terms, patterns, at, problems),
      priority: list.priority ?? 3,
      ...('skill' in list && list.skill ? { skill: list.skill } : {}),
    };
  });
}

function compileBusinessRules(
  rules: TriggerRules,
  problems: RuleProblem[],
): CompiledBusinessRule[] {
  const written = rules.businessRules ?? defaultRules.businessRules;
  return written.flatMap((rule, index) => {
    const at = ['businessRules', index, 'when'];
    let condition: (facts: typeof sampleFacts) => unknown;
    try {
      condition = compileCondition(rule.when);
    } catch (error) {
      problems.push({
        path: at,
        message: `the expression does not parse: ${(error as Error).message}`,
      });
      return [];
    }
    // Run once on facts that have every field, so a misspelt field is refused now, not ignored later
    // (a variable the sample lacks is no problem: conversations differ in what the bot collected).
    const trial = condition(sampleFacts);
    if (trial instanceof UnknownFieldError) {
      problems.push({ path: at, message: trial.message });
      return [];
    }
    return [
      {
        name: rule.name,
        when: rule.when,
        priority: rule.priority ?? 2,
        ...(rule.explanation ? { explanation: rule.explanation } : {}),
        ...('skill' in rule && rule.skill ? { skill: rule.skill } : {}),
        holds: (facts) => condition(facts) === true,
      },
    ];
  });
}

/**
 * The rule set a tenant's document means: each section it leaves out, and each field of a section
 * it gives, falls back to the platform default. Throws a RuleSetError naming every problem.
 */
export function compileRules(rules: TriggerRules = {}, version = 0): CompiledRules {
  const problems: RuleProblem[] = [];
  const keywords = compileKeywords(rules, problems);
  const businessRules = compileBusinessRules(rules, problems);
  const sentiment = { ...defaultRules.sentiment, ...rules.sentiment };
  if (problems.length > 0) throw new RuleSetError(problems);
  return {
    version,
    explicitRequest: { ...defaultRules.explicitRequest, ...rules.explicitRequest },
    keywords: {
      enabled: rules.keywords?.enabled ?? defaultRules.keywords.enabled,
      lists: keywords,
    },
    sentiment: {
      ...sentiment,
      falling: { ...defaultRules.sentiment.falling, ...rules.sentiment?.falling },
    },
    repetition: { ...defaultRules.repetition, ...rules.repetition },
    botTrouble: { ...defaultRules.botTrouble, ...rules.botTrouble },
    loops: { ...defaultRules.loops, ...rules.loops },
    businessRules,
    escalationScore: { ...defaultRules.escalationScore, ...rules.escalationScore },
    intentSkills: { ...defaultRules.intentSkills, ...rules.intentSkills },
    cooldownMinutes: rules.cooldownMinutes ?? defaultRules.cooldownMinutes,
  };
}
