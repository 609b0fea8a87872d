/** A gateway answer: the HTTP status and the JSON body (undefined when there is none). */
export interface Answer<T = any> {
  status: number;
  body: T;
}

/** The gateway's API as the desk uses it, on the page's own origin, with the agent's token. */
export class DeskApi {
  constructor(readonly token: string) {}

  async call<T = any>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    return { status: response.status, body: (await jsonOrText(response)) as T };
  }

  me = () => this.call('GET', '/v1/agents/me');
  setStatus = (profile: object) => this.call('PUT', '/v1/me/status', profile);
  heartbeat = () => this.call('POST', '/v1/me/heartbeat', {});
  offers = () => this.call('GET', '/v1/me/offers');
  answerOffer = (offerId: string, conversationId: string, answer: 'accept' | 'decline') =>
    this.call('POST', `/v1/offers/${encodeURIComponent(offerId)}/${answer}`, { conversationId });
  context = (conversationId: string) =>
    this.call('GET', `/v1/conversations/${encodeURIComponent(conversationId)}/context`);
  act = (conversationId: string, action: string, body: object) =>
    this.call('POST', `/v1/conversations/${encodeURIComponent(conversationId)}/${action}`, body);
}

/** The answer's JSON; a proxy's plain-text error page becomes `{ message }`. */
async function jsonOrText(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/** Whether the gateway answered done; if not, `tell` is given what went wrong, for the agent to read. */
export function succeeded(answer: Answer, tell: (message: string) => void): boolean {
  if (answer.status === 200 && answer.body?.status !== 'refused') return true;
  tell(problemOf(answer));
  return false;
}

/** What a refused or failed call says. */
export function problemOf(answer: Answer): string {
  const body = answer.body as { reason?: string; message?: string | string[] } | undefined;
  const message = Array.isArray(body?.message) ? body.message.join('; ') : body?.message;
  return `${answer.status}: ${body?.reason ?? message ?? 'no reason given'}`;
}
