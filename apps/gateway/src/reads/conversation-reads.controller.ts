import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { Authenticated } from '@handoff/service-kit';
import type { ServerResponse } from 'node:http';
import { GATEWAY_CONFIG } from '../gateway.tokens.js';
import type { GatewayConfig } from '../config.js';
import { forwardRead } from './forward-read.js';

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

  private forward(path: string, authorization: string, response: ServerResponse): Promise<void> {
    const { conversationUrl: url, readTimeoutMs: timeoutMs } = this.config;
    return forwardRead(
      { url, name: 'the conversation service', timeoutMs },
      path,
      authorization,
      response,
    );
  }
}
