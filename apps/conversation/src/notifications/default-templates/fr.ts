import type { DefaultTemplates } from './default-templates.js';

const wait =
  "{waitMinutes, select, none {} other { L'attente estimée est d'environ {waitMinutes, plural, one {# minute} other {# minutes}}.}}";

export const fr: DefaultTemplates = {
  'handoff.connecting':
    '{agentName, select, none {Je vous mets en relation avec un conseiller} other {Je vous mets en relation avec {agentName}}}, qui voit notre conversation : inutile de vous répéter.',
  'handoff.queued': `Tous nos conseillers sont occupés. Vous êtes dans la file d'attente ; nous vous mettrons en relation dès que possible.{position, select, none {} other { Vous êtes en position {position} dans la file.}}${wait}`,
  'handoff.position_update': `{position, select, none {Vous êtes toujours dans la file d'attente.} other {Vous êtes maintenant en position {position} dans la file.}}${wait}`,
  'handoff.agent_joined':
    '{agentName, select, none {Un conseiller} other {{agentName}}} a rejoint la conversation et voit tout ce que nous avons échangé.',
  'handoff.transferred':
    '{agentName, select, none {{queue, select, none {Je vous transfère vers une autre équipe.} other {Je vous transfère vers {queue}.}}} other {Je vous transfère à {agentName}.}} Notre conversation reste visible.',
  'handoff.callback':
    'Aucun conseiller ne peut vous répondre pour le moment. {callbackTime, select, none {Nous vous rappellerons dès que possible.} other {Nous vous rappellerons à {callbackTime}.}}',
  'handoff.leave_message':
    'Aucun conseiller ne peut vous répondre pour le moment. Laissez-nous un message ici, un conseiller y répondra.',
  'handoff.closed_hours':
    "Nous sommes fermés pour le moment : aucun conseiller ne peut vous répondre. {opensAt, select, none {Revenez pendant nos heures d'ouverture.} other {Nous rouvrons à {opensAt}.}}",
  'handoff.back_to_bot':
    "Vous êtes de retour avec l'assistant virtuel et je continue à vous aider. Redemandez un conseiller quand vous le souhaitez.",
  'handoff.csat':
    'Comment évalueriez-vous votre échange avec {agentName, select, none {notre conseiller} other {{agentName}}} ? Répondez par un chiffre de 1 à 5.',
};
