/**
 * The customer notification templates a tenant may publish, and the variables each may use:
 * `always` when the platform always supplies the value, `optional` when it may be absent (a
 * template should then say something sensible without it, e.g. with an ICU `select` on `other`).
 * The gateway refuses other templates and variables; the conversation service fills them.
 */
export const templateVariables = {
  'handoff.connecting': { agentName: 'always' },
  'handoff.queued': { position: 'always', waitMinutes: 'always' },
  'handoff.position_update': { position: 'always', waitMinutes: 'always' },
  'handoff.agent_joined': { agentName: 'always' },
  'handoff.transferred': { agentName: 'optional', queue: 'optional' },
  'handoff.callback': { callbackTime: 'optional' },
  'handoff.leave_message': {},
  'handoff.closed_hours': { opensAt: 'optional' },
  'handoff.back_to_bot': {},
  'handoff.csat': { agentName: 'always' },
} as const satisfies Record<string, Record<string, 'always' | 'optional'>>;

export type TemplateName = keyof typeof templateVariables;

export const templateNames = Object.keys(templateVariables) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templateVariables, name);
}

/** The variables a template may use. */
export function allowedTemplateVariables(template: TemplateName): string[] {
  return Object.keys(templateVariables[template]);
}
