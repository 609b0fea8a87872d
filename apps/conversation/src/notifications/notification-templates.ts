export type NotificationTemplate =
  | 'handoff.connecting'
  | 'handoff.queued'
  | 'handoff.callback'
  | 'handoff.leave_message'
  | 'handoff.back_to_bot';

export interface NotificationValues {
  agentName: string;
  /** Place in the queue, when routing gave one. */
  position?: number;
  /** Expected wait in whole minutes (at least 1), when routing could estimate it. */
  waitMinutes?: number;
}

interface Wording {
  connecting: (agentName: string) => string;
  queued: string;
  place: (position: number) => string;
  wait: (minutes: number) => string;
  callback: string;
  leaveMessage: string;
  backToBot: string;
}

/** Customer-facing wording per language; the bare language subtag is the fallback, then English. */
const wordings: Record<string, Wording> = {
  en: {
    connecting: (agentName) =>
      `I'm connecting you with ${agentName}. They can see our conversation so far, so you won't need to repeat yourself.`,
    queued:
      "All our agents are busy right now. You're in the queue and we'll connect you as soon as someone is free.",
    place: (position) => `You're number ${position} in the queue.`,
    wait: (minutes) => `The expected wait is about ${minutes} min.`,
    callback:
      "No agent can take your conversation right now. We'll call you back as soon as someone is free.",
    leaveMessage:
      'No agent can take your conversation right now. Leave us a message here and an agent will answer it.',
    backToBot:
      "No agent is available right now, so I'll keep helping you. Ask for an agent again later if you need one.",
  },
  es: {
    connecting: (agentName) =>
      `Te estoy conectando con ${agentName}. Puede ver nuestra conversación, así que no tendrás que repetir nada.`,
    queued:
      'Todos nuestros agentes están ocupados. Estás en la cola y te conectaremos en cuanto alguien quede libre.',
    place: (position) => `Eres el número ${position} en la cola.`,
    wait: (minutes) => `La espera estimada es de unos ${minutes} min.`,
    callback: 'Ningún agente puede atenderte ahora. Te llamaremos en cuanto alguien quede libre.',
    leaveMessage:
      'Ningún agente puede atenderte ahora. Déjanos un mensaje aquí y un agente te responderá.',
    backToBot:
      'No hay agentes disponibles ahora, así que seguiré ayudándote. Vuelve a pedir un agente más tarde si lo necesitas.',
  },
  fr: {
    connecting: (agentName) =>
      `Je vous mets en relation avec ${agentName}, qui voit notre conversation : inutile de vous répéter.`,
    queued:
      "Tous nos conseillers sont occupés. Vous êtes dans la file d'attente ; nous vous mettrons en relation dès que possible.",
    place: (position) => `Vous êtes en position ${position} dans la file.`,
    wait: (minutes) => `L'attente estimée est d'environ ${minutes} min.`,
    callback:
      'Aucun conseiller ne peut vous répondre pour le moment. Nous vous rappellerons dès que possible.',
    leaveMessage:
      'Aucun conseiller ne peut vous répondre pour le moment. Laissez-nous un message ici, un conseiller y répondra.',
    backToBot:
      "Aucun conseiller n'est disponible pour le moment, je continue donc à vous aider. Redemandez un conseiller plus tard si besoin.",
  },
  de: {
    connecting: (agentName) =>
      `Ich verbinde Sie mit ${agentName}. Der bisherige Verlauf liegt vor, Sie müssen nichts wiederholen.`,
    queued:
      'Alle Mitarbeitenden sind gerade beschäftigt. Sie sind in der Warteschlange und werden so bald wie möglich verbunden.',
    place: (position) => `Sie sind an Position ${position} der Warteschlange.`,
    wait: (minutes) => `Die erwartete Wartezeit beträgt etwa ${minutes} Min.`,
    callback:
      'Gerade kann niemand Ihr Anliegen übernehmen. Wir rufen Sie zurück, sobald jemand frei ist.',
    leaveMessage:
      'Gerade kann niemand Ihr Anliegen übernehmen. Hinterlassen Sie hier eine Nachricht, sie wird beantwortet.',
    backToBot:
      'Gerade ist niemand verfügbar, daher helfe ich Ihnen weiter. Fragen Sie später gern erneut nach einem Mitarbeitenden.',
  },
  pt: {
    connecting: (agentName) =>
      `Estou conectando você com ${agentName}, que já vê a nossa conversa, então não precisa repetir nada.`,
    queued:
      'Todos os atendentes estão ocupados. Você está na fila e será conectado assim que alguém ficar livre.',
    place: (position) => `Você é o número ${position} na fila.`,
    wait: (minutes) => `A espera estimada é de cerca de ${minutes} min.`,
    callback:
      'Nenhum atendente pode falar com você agora. Ligaremos de volta assim que alguém ficar livre.',
    leaveMessage:
      'Nenhum atendente pode falar com você agora. Deixe uma mensagem aqui e um atendente responderá.',
    backToBot:
      'Não há atendentes disponíveis agora, então continuo ajudando você. Peça um atendente de novo mais tarde, se precisar.',
  },
};

function text(wording: Wording, template: NotificationTemplate, values: NotificationValues) {
  switch (template) {
    case 'handoff.connecting':
      return wording.connecting(values.agentName);
    case 'handoff.queued':
      return [
        wording.queued,
        values.position ? wording.place(values.position) : '',
        values.waitMinutes ? wording.wait(values.waitMinutes) : '',
      ]
        .filter(Boolean)
        .join(' ');
    case 'handoff.callback':
      return wording.callback;
    case 'handoff.leave_message':
      return wording.leaveMessage;
    case 'handoff.back_to_bot':
      return wording.backToBot;
  }
}

export function renderNotification(
  template: NotificationTemplate,
  language: string,
  values: NotificationValues,
): { language: string; text: string } {
  const base = language.split('-')[0]!.toLowerCase();
  const chosen = wordings[language] ? language : wordings[base] ? base : 'en';
  return { language: chosen, text: text(wordings[chosen]!, template, values) };
}
