import {
  isNotificationTemplateName,
  templateVariables,
  type NotificationTemplateName,
} from '@handoff/contracts';
import { compileMessage, variablesOf } from './message-variables.js';
import { sampleValues, templateArguments } from './template-arguments.js';
import type { TemplateSources } from './template-sources.js';

export type TemplateProblemKind =
  'unknown_template' | 'unsupported_language' | 'syntax' | 'unknown_variable' | 'cannot_render';

/** What is wrong with one template in one language. */
export interface TemplateProblem {
  template: string;
  language: string;
  kind: TemplateProblemKind;
  message: string;
}

/** Whether the runtime can word numbers and plurals in the language (pt-BR yes, xx no). */
export function isSupportedLanguage(tag: string): boolean {
  try {
    return Intl.PluralRules.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

/**
 * Everything wrong with a tenant's template set, or nothing: each source must be valid ICU
 * MessageFormat, in a supported language, for a template the platform sends, mention only the
 * variables that template offers, and render to some text whether its variables are present or
 * absent (a plural over an absent value cannot count).
 */
export function validateTemplateSet(templates: TemplateSources): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const [template, byLanguage] of Object.entries(templates)) {
    for (const [language, source] of Object.entries(byLanguage)) {
      const problem = (kind: TemplateProblemKind, message: string) =>
        problems.push({ template, language, kind, message });
      if (!isNotificationTemplateName(template)) {
        problem('unknown_template', `the platform sends no template named ${template}`);
        continue;
      }
      if (!isSupportedLanguage(language)) {
        problem('unsupported_language', `language ${language} is not supported`);
        continue;
      }
      sourceProblems(template, language, source).forEach(([kind, message]) =>
        problem(kind, message),
      );
    }
  }
  return problems;
}

function sourceProblems(
  template: NotificationTemplateName,
  language: string,
  source: string,
): [TemplateProblemKind, string][] {
  let message;
  try {
    message = compileMessage(source, language);
  } catch (error) {
    return [['syntax', syntaxMessage(error)]];
  }
  const offered: readonly string[] = templateVariables[template];
  const unknown = [...variablesOf(message)].filter((name) => !offered.includes(name));
  if (unknown.length > 0) {
    const allowed = offered.length > 0 ? offered.join(', ') : 'none';
    return unknown.map((name) => [
      'unknown_variable',
      `variable ${name} is not offered (offered: ${allowed})`,
    ]);
  }
  for (const values of sampleValues(template)) {
    try {
      if (String(message.format(templateArguments(template, values))).trim() === '')
        return [['cannot_render', 'renders no text']];
    } catch (error) {
      return [['cannot_render', `cannot render: ${(error as Error).message}`]];
    }
  }
  return [];
}

/** The parser's error kind and where it found it. */
function syntaxMessage(error: unknown): string {
  const { message, location } = error as {
    message: string;
    location?: { start: { offset: number; line: number; column: number } };
  };
  if (!location) return `syntax error ${message}`;
  const { line, column, offset } = location.start;
  return `syntax error ${message} at line ${line}, column ${column} (offset ${offset})`;
}

/** Problems in one line each, for a dead letter's reason. */
export function describeProblems(problems: readonly TemplateProblem[]): string {
  return problems
    .map(({ template, language, message }) => `${template} [${language}]: ${message}`)
    .join('; ');
}
