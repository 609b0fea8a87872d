import { el, timeOf } from './dom.js';

/** The context packet as the agent reads it before typing: why, who, what was said and tried. */
export function packetView(packet: any): HTMLElement {
  const customer = packet.customer ?? {};
  return el(
    'div',
    { class: 'packet', 'data-testid': 'packet' },
    el(
      'section',
      { 'data-testid': 'why' },
      el('h3', {}, 'Why it came to you'),
      el(
        'ul',
        {},
        ...(packet.triggers ?? []).map((trigger: any) =>
          el(
            'li',
            { 'data-testid': 'trigger' },
            el('strong', {}, trigger.kind),
            ' ',
            trigger.explanation,
            trigger.matchedText ? ' ' : undefined,
            trigger.matchedText ? el('q', {}, trigger.matchedText) : undefined,
          ),
        ),
      ),
    ),
    el(
      'section',
      { 'data-testid': 'summary' },
      el('h3', {}, 'Summary'),
      ...(packet.summary?.sentences ?? []).map((sentence: string) => el('p', {}, sentence)),
    ),
    el(
      'section',
      {},
      el('h3', {}, 'Customer'),
      el(
        'dl',
        { 'data-testid': 'customer' },
        ...pairs({
          name: customer.displayName,
          tier: customer.tier,
          email: customer.email,
          phone: customer.phone,
          language: packet.conversation?.language,
          channel: packet.conversation?.channel,
          intent: packet.detectedIntent?.intent,
          ...(packet.variables ?? {}),
        }),
      ),
    ),
    el('section', {}, el('h3', {}, 'Mood'), moodView(packet.sentiment)),
    el('section', {}, el('h3', {}, 'What the bot tried'), botView(packet.botAttempts)),
    suggestionsView(packet.suggestions),
    notesView(packet.notes),
  );
}

export function transcriptView(messages: any[]): HTMLElement {
  return el(
    'ol',
    { class: 'transcript', 'data-testid': 'transcript' },
    ...messages.map((message) =>
      el(
        'li',
        { class: `from-${message.sender}`, 'data-testid': 'message' },
        el('span', { class: 'sender' }, message.agentId ?? message.sender),
        el('time', {}, timeOf(message.sentAt)),
        el('p', {}, message.text),
      ),
    ),
  );
}

function pairs(values: Record<string, unknown>): HTMLElement[] {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, String(value))]);
}

function moodView(sentiment: any): HTMLElement {
  const scores: number[] = (sentiment?.trajectory ?? []).map((point: any) => point.score);
  if (scores.length === 0) return el('p', {}, 'no customer messages scored');
  return el(
    'p',
    { 'data-testid': 'mood' },
    scores.map((score) => score.toFixed(2)).join(' → '),
    sentiment.trend ? ` (${sentiment.trend})` : '',
  );
}

function botView(attempts: any): HTMLElement {
  const intents = (attempts?.intents ?? []).map(
    (intent: any) => `${intent.intent} ×${intent.count}`,
  );
  return el(
    'p',
    {},
    intents.length ? intents.join(', ') : 'no intent recognised',
    `; ${attempts?.fallbacks ?? 0} fallbacks, ${attempts?.lowConfidence ?? 0} unsure`,
  );
}

function suggestionsView(suggestions: any): HTMLElement | undefined {
  const replies: any[] = suggestions?.replies ?? [];
  const articles: any[] = suggestions?.articles ?? [];
  if (replies.length === 0 && articles.length === 0) return undefined;
  return el(
    'section',
    {},
    el('h3', {}, 'Suggested'),
    el(
      'ul',
      { 'data-testid': 'suggested-replies' },
      ...replies.map((reply) =>
        el('li', {}, el('button', { type: 'button', class: 'use-reply' }, reply.text)),
      ),
    ),
    el('ul', {}, ...articles.map((article) => el('li', {}, article.title))),
  );
}

function notesView(notes: any[] | undefined): HTMLElement | undefined {
  if (!notes?.length) return undefined;
  return el(
    'section',
    {},
    el('h3', {}, 'Notes'),
    el('ul', {}, ...notes.map((note) => el('li', {}, `${note.agentId}: `, note.text))),
  );
}
