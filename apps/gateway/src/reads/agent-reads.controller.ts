import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { Authenticated, CurrentPrincipal, type Principal } from '@handoff/service-kit';
import type { ServerResponse } from 'node:http';
import { GATEWAY_CONFIG } from '../gateway.tokens.js';
import type { GatewayConfig } from '../config.js';
import { forwardRead } from './forward-read.js';

/**
 * An agent's presence (status, capacity, load), answered by the presence service, which verifies
 * the forwarded token: an agent reads only themselves, a supervisor or admin any agent of their
 * tenant.
 */
@Controller('v1/agents')
@Authenticated('agent', 'supervisor', 'admin')
export class AgentReadsController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  /** The caller themselves: the agent id is the token's subject. */
  @Get('me')
  me(
    @CurrentPrincipal() principal: Principal,
    @Headers('authorization') authorization: string,
    @Res() response: ServerResponse,
  ): Promise<void> {
    return this.forward(principal.subject, authorization, response);
  }

  @Get(':agentId')
  agent(
    @Param('agentId') agentId: string,
    @Headers('authorization') authorization: string,
    @Res() response: ServerResponse,
  ): Promise<void> {
    return this.forward(agentId, authorization, response);
  }

  private forward(agentId: string, authorization: string, response: ServerResponse): Promise<void> {
    const { presenceUrl: url, readTimeoutMs: timeoutMs } = this.config;
    return forwardRead(
      { url, name: 'the presence service', timeoutMs },
      `/v1/agents/${encodeURIComponent(agentId)}`,
      authorization,
      response,
    );
  }
}
