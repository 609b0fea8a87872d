export type NotificationTemplate = 'handoff.connecting' | 'handoff.queued';

type Catalog = Record<NotificationTemplate, (values: { agentName: string }) => string>;

/** Customer-facing wording per language; the bare language subtag is the fallback, then English. */
const catalogs: Record<string, Catalog> = {
  en: {
    'handoff.connecting': ({ agentName }) =>
      `I'm connecting you with ${agentName}. They can see our conversation so far, so you won't need to repeat yourself.`,
    'handoff.queued': () =>
      "All our agents are busy right now. You're in the queue and we'll connect you as soon as someone is free.",
  },
  es: {
    'handoff.connecting': ({ agentName }) =>
      `Te estoy conectando con ${agentName}. Puede ver nuestra conversación, así que no tendrás que repetir nada.`,
    'handoff.queued': () =>
      'Todos nuestros agentes están ocupados. Estás en la cola y te conectaremos en cuanto alguien quede libre.',
  },
  fr: {
    'handoff.connecting': ({ agentName }) =>
      `Je vous mets en relation avec ${agentName}, qui voit notre conversation : inutile de vous répéter.`,
    'handoff.queued': () =>
      "Tous nos conseillers sont occupés. Vous êtes dans la file d'attente ; nous vous mettrons en relation dès que possible.",
  },
  de: {
    'handoff.connecting': ({ agentName }) =>
      `Ich verbinde Sie mit ${agentName}. Der bisherige Verlauf liegt vor, Sie müssen nichts wiederholen.`,
    'handoff.queued': () =>
      'Alle Mitarbeitenden sind gerade beschäftigt. Sie sind in der Warteschlange und werden so bald wie möglich verbunden.',
  },
  pt: {
    'handoff.connecting': ({ agentName }) =>
      `Estou conectando você com ${agentName}, que já vê a nossa conversa, então não precisa repetir nada.`,
    'handoff.queued': () =>
      'Todos os atendentes estão ocupados. Você está na fila e será conectado assim que alguém ficar livre.',
  },
};

export function renderNotification(
  template: NotificationTemplate,
  language: string,
  values: { agentName: string },
): { language: string; text: string } {
  const base = language.split('-')[0]!.toLowerCase();
  const chosen = catalogs[language] ? language : catalogs[base] ? base : 'en';
  return { language: chosen, text: catalogs[chosen]![template](values) };
}
