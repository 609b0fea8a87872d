/**
 * Every customer notification template a tenant may word, with the variables each one is given
 * when rendered. The gateway checks a published set against this table and the conversation
 * service checks it again, so both agree on what a template may mention.
 */
export const templateVariables = {
  'handoff.connecting': ['agentName'],
  'handoff.queued': ['position', 'waitMinutes'],
  'handoff.position_update': ['position', 'waitMinutes'],
  'handoff.agent_joined': ['agentName'],
  'handoff.transferred': ['agentName', 'queue'],
  'handoff.callback': ['callbackTime'],
  'handoff.leave_message': [],
  'handoff.closed_hours': ['opensAt'],
  'handoff.back_to_bot': [],
  'handoff.csat': ['agentName'],
} as const satisfies Record<string, readonly string[]>;

export type NotificationTemplateName = keyof typeof templateVariables;

export const notificationTemplateNames = Object.keys(
  templateVariables,
) as NotificationTemplateName[];

export function isNotificationTemplateName(name: string): name is NotificationTemplateName {
  return Object.hasOwn(templateVariables, name);
}

/** The variables a template may use. */
export function allowedTemplateVariables(template: NotificationTemplateName): readonly string[] {
  return templateVariables[template];
}
