import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import {
  allowedTemplateVariables,
  isNotificationTemplateName as isTemplateName,
  notificationTemplateNames as templateNames,
} from '@handoff/contracts';

export interface TemplateProblem {
  template: string;
  language?: string;
  problem: string;
}

/**
 * Checks a tenant's templates before they are published: known template names, ICU MessageFormat
 * that parses, and only the variables the platform fills for that template. The conversation
 * service checks again with the same table when it loads them.
 */
export function templateProblems(
  templates: Record<string, Record<string, string>>,
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const [template, languages] of Object.entries(templates)) {
    if (!isTemplateName(template)) {
      problems.push({ template, problem: `unknown template (known: ${templateNames.join(', ')})` });
      continue;
    }
    const allowed = allowedTemplateVariables(template);
    for (const [language, source] of Object.entries(languages)) {
      const problem = sourceProblem(source, allowed);
      if (problem) problems.push({ template, language, problem });
    }
  }
  return problems;
}

function sourceProblem(source: string, allowed: readonly string[]): string | undefined {
  let elements: MessageFormatElement[];
  try {
    elements = parse(source);
  } catch (error) {
    return `ICU syntax error: ${(error as Error).message}`;
  }
  const used = new Set<string>();
  const tags = collect(elements, used);
  if (tags.length > 0) return `markup tags are not supported: <${tags[0]}>`;
  const unknown = [...used].filter((name) => !allowed.includes(name));
  if (unknown.length > 0)
    return `unknown variable ${unknown.map((name) => `{${name}}`).join(', ')} (allowed: ${allowed.map((name) => `{${name}}`).join(', ') || 'none'})`;
  return undefined;
}

/** Adds the variables the elements use, nested ones included; returns the markup tags found. */
function collect(elements: MessageFormatElement[], used: Set<string>): string[] {
  const tags: string[] = [];
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        used.add(element.value);
        break;
      case TYPE.select:
      case TYPE.plural:
        used.add(element.value);
        for (const option of Object.values(element.options))
          tags.push(...collect(option.value, used));
        break;
      case TYPE.tag:
        tags.push(element.value, ...collect(element.children, used));
        break;
      default:
        break;
    }
  }
  return tags;
}
