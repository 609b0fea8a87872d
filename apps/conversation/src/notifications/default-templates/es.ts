import type { DefaultTemplates } from './default-templates.js';

const wait =
  '{waitMinutes, select, none {} other { La espera estimada es de {waitMinutes, plural, one {un minuto} other {unos # minutos}}.}}';

export const es: DefaultTemplates = {
  'handoff.connecting':
    '{agentName, select, none {Te estoy conectando con un agente.} other {Te estoy conectando con {agentName}.}} Puede ver nuestra conversación, así que no tendrás que repetir nada.',
  'handoff.queued': `Todos nuestros agentes están ocupados. Estás en la cola y te conectaremos en cuanto alguien quede libre.{position, select, none {} other { Eres el número {position} en la cola.}}${wait}`,
  'handoff.position_update': `{position, select, none {Sigues en la cola.} other {Ahora eres el número {position} en la cola.}}${wait}`,
  'handoff.agent_joined':
    '{agentName, select, none {Un agente} other {{agentName}}} se ha unido a la conversación y puede ver todo lo que hemos hablado.',
  'handoff.transferred':
    '{agentName, select, none {{queue, select, none {Te estoy transfiriendo a otro equipo.} other {Te estoy transfiriendo a {queue}.}}} other {Te estoy transfiriendo a {agentName}.}} Podrá ver nuestra conversación.',
  'handoff.callback':
    'Ningún agente puede atenderte ahora. {callbackTime, select, none {Te llamaremos en cuanto alguien quede libre.} other {Te llamaremos a las {callbackTime}.}}',
  'handoff.leave_message':
    'Ningún agente puede atenderte ahora. Déjanos un mensaje aquí y un agente te responderá.',
  'handoff.closed_hours':
    'Ahora estamos cerrados, así que ningún agente puede atenderte. {opensAt, select, none {Escríbenos de nuevo en nuestro horario de atención.} other {Abrimos de nuevo a las {opensAt}.}}',
  'handoff.back_to_bot':
    'Vuelves a estar con el asistente virtual y seguiré ayudándote. Pide un agente de nuevo cuando lo necesites.',
  'handoff.csat':
    '¿Cómo valorarías tu conversación con {agentName, select, none {nuestro agente} other {{agentName}}}? Responde con un número del 1 al 5.',
};
