import { compileExpression } from 'filtrex';
import type { ConversationFacts } from './compiled-rules.js';

const factNames = new Set([
  'turns',
  'botTurns',
  'minutes',
  'sentiment',
  'smoothed',
  'frustration',
  'fallbacks',
  'lowConfidence',
  'tier',
  'language',
  'channel',
  'intent',
]);
const variablePrefix = 'variables.';

/** Reads `turns`, `tier`… and `variables.<name>`; any other name is an error the rule returns. */
function factOf(name: string, get: (name: string) => unknown, facts: ConversationFacts): unknown {
  if (name.startsWith(variablePrefix)) {
    const variable = name.slice(variablePrefix.length);
    return Object.hasOwn(facts.variables, variable) ? facts.variables[variable] : null;
  }
  if (factNames.has(name)) return get(name);
  throw new UnknownFieldError(name);
}

/** A rule named a field the conversation does not have: refused at upload, not at run time. */
export class UnknownFieldError extends Error {
  constructor(name: string) {
    super(
      `unknown field "${name}"; a rule reads ${[...factNames].join(', ')} and variables.<name>`,
    );
    this.name = 'UnknownFieldError';
  }
}

/**
 * Compiles a tenant's boolean expression with filtrex: a small language compiled to a function
 * that reads only the facts given, never the process. Throws when the expression does not parse.
 */
export function compileCondition(when: string): (facts: ConversationFacts) => unknown {
  return compileExpression(when, {
    customProp: (name, get, facts: ConversationFacts) => factOf(name, get, facts),
  });
}
