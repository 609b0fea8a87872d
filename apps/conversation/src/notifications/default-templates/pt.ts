import type { DefaultTemplates } from './default-templates.js';

const wait =
  '{waitMinutes, select, none {} other { A espera estimada é de cerca de {waitMinutes, plural, one {# minuto} other {# minutos}}.}}';

export const pt: DefaultTemplates = {
  'handoff.connecting':
    '{agentName, select, none {Estou conectando você com um atendente,} other {Estou conectando você com {agentName},}} que já vê a nossa conversa, então não precisa repetir nada.',
  'handoff.queued': `Todos os atendentes estão ocupados. Você está na fila e será conectado assim que alguém ficar livre.{position, select, none {} other { Você é o número {position} na fila.}}${wait}`,
  'handoff.position_update': `{position, select, none {Você continua na fila.} other {Agora você é o número {position} na fila.}}${wait}`,
  'handoff.agent_joined':
    '{agentName, select, none {Um atendente} other {{agentName}}} entrou na conversa e já vê tudo o que falamos.',
  'handoff.transferred':
    '{agentName, select, none {{queue, select, none {Estou transferindo você para outra equipe.} other {Estou transferindo você para {queue}.}}} other {Estou transferindo você para {agentName}.}} A nossa conversa vai junto.',
  'handoff.callback':
    'Nenhum atendente pode falar com você agora. {callbackTime, select, none {Ligaremos de volta assim que alguém ficar livre.} other {Ligaremos de volta às {callbackTime}.}}',
  'handoff.leave_message':
    'Nenhum atendente pode falar com você agora. Deixe uma mensagem aqui e um atendente responderá.',
  'handoff.closed_hours':
    'Estamos fechados agora, então nenhum atendente pode falar com você. {opensAt, select, none {Volte durante o nosso horário de atendimento.} other {Abrimos novamente às {opensAt}.}}',
  'handoff.back_to_bot':
    'Você voltou a falar com o assistente virtual e eu continuo ajudando. Peça um atendente de novo quando precisar.',
  'handoff.csat':
    'Como você avalia a sua conversa com {agentName, select, none {o nosso atendente} other {{agentName}}}? Responda com um número de 1 a 5.',
};
