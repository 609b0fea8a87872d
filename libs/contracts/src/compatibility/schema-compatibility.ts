import { isDeepStrictEqual } from 'node:util';
import { extensibleEnumKeyword } from '../events/common.schema.js';

/** A JSON Schema object (boolean schemas only appear as sub-schemas and are compared as values). */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Annotations: they change no event's validity, so they may change freely (COMPATIBILITY.md). */
const annotations = new Set(['description', 'title', 'examples', '$id', '$comment']);

/** Keywords holding sub-schemas that are compared recursively, under a path segment of their own. */
const subSchemaKeywords = {
  items: '[]',
  additionalProperties: '*',
  propertyNames: '(name)',
} as const;

/** Keywords with rules of their own below; every other keyword must stay deep-equal. */
const ruleKeywords = new Set([
  'properties',
  'required',
  'enum',
  extensibleEnumKeyword,
  ...Object.keys(subSchemaKeywords),
]);

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function propertiesOf(schema: JsonSchema): Record<string, unknown> {
  return isSchema(schema.properties) ? schema.properties : {};
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

const show = (value: unknown) => JSON.stringify(value);

/**
 * Lists every way `current` breaks the compatibility policy relative to `published` (empty when
 * the change is allowed within a topic version). Each problem reads `<path>: <what changed>`.
 */
export function compatibilityProblems(
  published: JsonSchema,
  current: JsonSchema,
  path = '',
): string[] {
  const at = path || '/';
  const problems: string[] = [];
  const publishedProps = propertiesOf(published);
  const currentProps = propertiesOf(current);

  // Old consumers read every published field: removing one (or renaming it) starves them.
  for (const [name, publishedProp] of Object.entries(publishedProps)) {
    const currentProp = currentProps[name];
    if (currentProp === undefined) problems.push(`${path}/${name}: field removed`);
    else problems.push(...subSchemaProblems(publishedProp, currentProp, `${path}/${name}`));
  }
  // A new optional field is fine (old consumers ignore it), but it must not close an object.
  for (const [name, currentProp] of Object.entries(currentProps)) {
    if (!(name in publishedProps)) problems.push(...closedObjects(currentProp, `${path}/${name}`));
  }

  // A newly required field rejects events old producers write; a field no longer required may be
  // missing from events that old consumers expect it in. So the required set must not change.
  const publishedRequired = stringsOf(published.required);
  const currentRequired = stringsOf(current.required);
  for (const name of currentRequired.filter((n) => !publishedRequired.includes(n))) {
    problems.push(
      name in publishedProps
        ? `${path}/${name}: optional field became required`
        : `${path}/${name}: new required field`,
    );
  }
  for (const name of publishedRequired.filter((n) => !currentRequired.includes(n))) {
    const removed = name in publishedProps && !(name in currentProps); // already reported above
    if (!removed) problems.push(`${path}/${name}: required field became optional`);
  }

  // Known values of an extensible enum may grow (consumers tolerate unknown ones), never shrink:
  // consumers built for the old version rely on every value they were told about.
  const currentKnown = stringsOf(current[extensibleEnumKeyword]);
  for (const value of stringsOf(published[extensibleEnumKeyword])) {
    if (!currentKnown.includes(value)) {
      problems.push(`${at}: known value ${show(value)} removed from ${extensibleEnumKeyword}`);
    }
  }

  // A closed enum where values were open rejects the new values the field promised to accept.
  if (current.enum !== undefined && published.enum === undefined) {
    const was =
      published[extensibleEnumKeyword] === undefined ? 'an open value' : 'an extensible enum';
    problems.push(`${at}: closed enum ${show(current.enum)} replaces ${was}`);
  } else if (!isDeepStrictEqual(published.enum, current.enum)) {
    problems.push(keywordChange(at, 'enum', published.enum, current.enum));
  }

  // Sub-schemas are compared recursively; objects must stay open, or new optional fields break.
  for (const [keyword, segment] of Object.entries(subSchemaKeywords)) {
    const before = published[keyword];
    const after = current[keyword];
    if (keyword === 'additionalProperties' && after === false) {
      problems.push(`${at}: object closed with additionalProperties: false`);
    } else if (isSchema(before) && isSchema(after)) {
      problems.push(...compatibilityProblems(before, after, `${path}/${segment}`));
    } else if (!isDeepStrictEqual(before, after)) {
      problems.push(keywordChange(at, keyword, before, after));
    }
  }

  // Any other validation keyword changed in either direction breaks one side: tighter rejects old
  // events, looser lets through events old consumers reject. Adding or removing one is a change.
  const keywords = new Set([...Object.keys(published), ...Object.keys(current)]);
  for (const keyword of keywords) {
    if (annotations.has(keyword) || ruleKeywords.has(keyword)) continue;
    if (!isDeepStrictEqual(published[keyword], current[keyword])) {
      problems.push(keywordChange(at, keyword, published[keyword], current[keyword]));
    }
  }
  return problems;
}

/** Compares two sub-schemas; boolean (or otherwise non-object) schemas must be equal. */
function subSchemaProblems(published: unknown, current: unknown, path: string): string[] {
  if (isSchema(published) && isSchema(current)) {
    return compatibilityProblems(published, current, path);
  }
  return isDeepStrictEqual(published, current)
    ? []
    : [`${path}: schema changed from ${show(published)} to ${show(current)}`];
}

/** Objects that a schema with no published counterpart closes (every object must stay open). */
function closedObjects(schema: unknown, path: string): string[] {
  if (!isSchema(schema)) return [];
  const problems =
    schema.additionalProperties === false
      ? [`${path || '/'}: object closed with additionalProperties: false`]
      : [];
  for (const [name, prop] of Object.entries(propertiesOf(schema))) {
    problems.push(...closedObjects(prop, `${path}/${name}`));
  }
  for (const [keyword, segment] of Object.entries(subSchemaKeywords)) {
    problems.push(...closedObjects(schema[keyword], `${path}/${segment}`));
  }
  return problems;
}

function keywordChange(at: string, keyword: string, before: unknown, after: unknown): string {
  if (before === undefined) return `${at}: ${keyword} ${show(after)} added`;
  if (after === undefined) return `${at}: ${keyword} ${show(before)} removed`;
  return `${at}: ${keyword} changed from ${show(before)} to ${show(after)}`;
}
