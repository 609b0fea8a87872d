import { templateVariables, type NotificationTemplateName } from '@handoff/contracts';

/** Values a notice is rendered with, by variable name; an absent or empty one counts as absent. */
export type NotificationValues = Readonly<Record<string, string | number | undefined>>;

/**
 * What a template receives for a variable it offers but the caller does not have, so a source can
 * word both cases: `{position, select, none {…} other {You're number {position}}}`.
 */
export const absentValue = 'none';

/** Every variable the template offers, with the caller's value or `none`; nothing else. */
export function templateArguments(
  template: NotificationTemplateName,
  values: NotificationValues,
): Record<string, string | number> {
  const offered: readonly string[] = templateVariables[template];
  return Object.fromEntries(
    offered.map((name) => {
      const value = values[name];
      return [name, value === undefined || value === '' ? absentValue : value];
    }),
  );
}

// Numbers for the variables that hold one, so a source may count them (plural).
const numericVariables = new Set(['position', 'waitMinutes']);

/** Values to try a source with: every variable present, then a second case, all absent. */
export function sampleValues(template: NotificationTemplateName): NotificationValues[] {
  const offered: readonly string[] = templateVariables[template];
  const present = Object.fromEntries(
    offered.map((name) => [name, numericVariables.has(name) ? 2 : `sample ${name}`]),
  );
  return [present, {}];
}
