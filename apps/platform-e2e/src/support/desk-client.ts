/** A desk's answer from the gateway: the HTTP status and the JSON body. */
export interface DeskAnswer {
  status: number;
  body: any;
}

/**
 * What an agent's desk does, through the gateway only: every call carries the agent's bearer
 * token, from which the gateway takes the tenant and the agent.
 */
export class DeskClient {
  constructor(
    private readonly gatewayUrl: string,
    private readonly token: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<DeskAnswer> {
    const response = await fetch(`${this.gatewayUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  setStatus(profile: Record<string, unknown>): Promise<DeskAnswer> {
    return this.call('PUT', '/v1/me/status', profile);
  }

  /** The caller's own presence: status, capacity and load. */
  me(): Promise<DeskAnswer> {
    return this.call('GET', '/v1/agents/me');
  }

  agent(agentId: string): Promise<DeskAnswer> {
    return this.call('GET', `/v1/agents/${agentId}`);
  }

  offers(): Promise<DeskAnswer> {
    return this.call('GET', '/v1/me/offers');
  }

  accept(offerId: string, conversationId: string): Promise<DeskAnswer> {
    return this.call('POST', `/v1/offers/${offerId}/accept`, { conversationId });
  }

  conversation(conversationId: string): Promise<DeskAnswer> {
    return this.call('GET', `/v1/conversations/${conversationId}`);
  }

  context(conversationId: string): Promise<DeskAnswer> {
    return this.call('GET', `/v1/conversations/${conversationId}/context`);
  }

  reply(conversationId: string, text: string): Promise<DeskAnswer> {
    return this.call('POST', `/v1/conversations/${conversationId}/messages`, { text });
  }

  note(conversationId: string, text: string): Promise<DeskAnswer> {
    return this.call('POST', `/v1/conversations/${conversationId}/notes`, { text });
  }

  resolve(conversationId: string, resolution: Record<string, unknown>): Promise<DeskAnswer> {
    return this.call('POST', `/v1/conversations/${conversationId}/resolve`, resolution);
  }

  returnToBot(conversationId: string, handback: Record<string, unknown>): Promise<DeskAnswer> {
    return this.call('POST', `/v1/conversations/${conversationId}/return-to-bot`, handback);
  }
}
