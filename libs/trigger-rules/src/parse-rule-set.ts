import {
  extensibleEnumKeyword,
  maxTriggerRulesSourceLength,
  triggerRulesSchema,
  type TriggerRules,
} from '@handoff/contracts';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { compileRules, RuleSetError, type RuleProblem } from './compile-rules.js';
import type { CompiledRules } from './compiled-rules.js';

/** A problem with the line it is on (1-based), so an admin finds it in their file. */
export interface RuleSetProblem {
  line?: number;
  path: string;
  message: string;
}

export type ParsedRuleSet =
  | { ok: true; rules: TriggerRules; compiled: CompiledRules }
  | { ok: false; problems: RuleSetProblem[] };

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addKeyword({ keyword: extensibleEnumKeyword, schemaType: 'array' });
const validateRules = ajv.compile<TriggerRules>(triggerRulesSchema);

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode };

/** Keys the schema does not know: the contract stays open, but an admin's typo is refused here. */
function unknownKeys(value: unknown, schema: SchemaNode, path: (string | number)[]): RuleProblem[] {
  if (Array.isArray(value) && schema.items)
    return value.flatMap((item, index) => unknownKeys(item, schema.items!, [...path, index]));
  if (value === null || typeof value !== 'object' || !schema.properties) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const known = schema.properties![key];
    if (!known) return [{ path: [...path, key], message: `unknown field "${key}"` }];
    return unknownKeys(child, known, [...path, key]);
  });
}

function fromAjv(error: ErrorObject): RuleProblem {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) =>
      /^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~'),
    );
  return { path, message: error.message ?? 'is invalid' };
}

function lineOf(
  doc: Document,
  counter: LineCounter,
  path: (string | number)[],
): number | undefined {
  // The deepest node of the path that exists: a missing field is reported on its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return counter.linePos(range[0]).line;
  }
  return undefined;
}

/**
 * Reads a tenant's rule set from JSON or YAML text and checks it all: syntax, the contract's
 * schema, unknown fields, patterns and expressions. Every problem comes back with its line.
 */
export function parseRuleSet(source: string, version = 0): ParsedRuleSet {
  if (source.length > maxTriggerRulesSourceLength)
    return {
      ok: false,
      problems: [
        { path: '(rule set)', message: `longer than ${maxTriggerRulesSourceLength} characters` },
      ],
    };
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        line: error.linePos?.[0]?.line,
        path: '(syntax)',
        message: error.message.split('\n')[0]!,
      })),
    };
  const value: unknown = doc.toJS() ?? {};
  const shaped = validateRules(value) ? [] : (validateRules.errors ?? []).map(fromAjv);
  const problems = [...shaped, ...unknownKeys(value, triggerRulesSchema as SchemaNode, [])];
  if (problems.length === 0) {
    try {
      return {
        ok: true,
        rules: value as TriggerRules,
        compiled: compileRules(value as TriggerRules, version),
      };
    } catch (error) {
      if (!(error instanceof RuleSetError)) throw error;
      problems.push(...error.problems);
    }
  }
  return {
    ok: false,
    problems: problems.map(({ path, message }) => ({
      line: lineOf(doc, counter, path),
      path: path.join('.') || '(rule set)',
      message,
    })),
  };
}
