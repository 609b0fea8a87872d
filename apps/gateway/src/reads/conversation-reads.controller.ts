import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { Authenticated } from '@handoff/service-kit';
import type { ServerResponse } from 'node:http';
import { GATEWAY_CONFIG } from '../gateway.tokens.js';
import type { GatewayConfig } from '../config.js';

/**
 * Reads of one conversation, answered by the conversation service. The caller's bearer token goes
 * with the request: that service verifies it too and takes the tenant from it, so the gateway
 * never has to tell it whose data to show.
 */
@Controller('v1/conversations/:conversationId')
@Authenticated('agent', 'supervisor', 'admin')
export class ConversationReadsController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get()
  conversation(
    @Param('conversationId') conversationId: string,
    @Headers('authorization') authorization: string,
    @Res() response: ServerResponse,
  ): Promise<void> {
    return this.forward(
      `/v1/conversations/${encodeURIComponent(conversationId)}`,
      authorization,
      response,
    );
  }

  @Get('context')
  context(
    @Param('conversationId') conversationId: string,
    @Headers('authorization') authorization: string,
    @Res() response: ServerResponse,
  ): Promise<void> {
    return this.forward(
      `/v1/conversations/${encodeURIComponent(conversationId)}/context`,
      authorization,
      response,
    );
  }

  private async forward(
    path: string,
    authorization: string,
    response: ServerResponse,
  ): Promise<void> {
    let upstream: Response;
    try {
      upstream = await fetch(`${this.config.conversationUrl}${path}`, {
        headers: { authorization, accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.readTimeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      return reply(response, timedOut ? 504 : 502, {
        statusCode: timedOut ? 504 : 502,
        message: timedOut
          ? 'the conversation service did not answer in time'
          : 'the conversation service is unavailable',
      });
    }
    const body = await upstream.text();
    const json = (upstream.headers.get('content-type') ?? '').includes('json');
    // Only JSON is passed on: whatever else comes back is not rendered for the caller.
    if (!json)
      return reply(response, upstream.ok ? 502 : upstream.status, {
        statusCode: upstream.ok ? 502 : upstream.status,
        message: 'unexpected answer from the conversation service',
      });
    response.writeHead(upstream.status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(body);
  }
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
