import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { agentHeartbeatType, listOffersType, setAgentStatusType } from '@handoff/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@handoff/service-kit';
import { bodyOf, commandHeader, pick } from './command-body.js';
import { CommandSender } from './command-sender.js';

const statusFields = [
  'status',
  'displayName',
  'skills',
  'languages',
  'capacity',
  'channels',
  'teams',
  'reason',
  'wrapUpSeconds',
] as const;

/** The calling agent's own desk: status, heartbeat, waiting offers. */
@Controller('v1/me')
@Authenticated('agent')
export class MeController {
  constructor(private readonly commands: CommandSender) {}

  @Put('status')
  @HttpCode(200)
  setStatus(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.commands.send(setAgentStatusType, {
      ...commandHeader(principal),
      ...pick(bodyOf(body), statusFields),
    } as never);
  }

  /** Published without waiting: presence answers heartbeats with nothing but its watch. */
  @Post('heartbeat')
  @HttpCode(202)
  async heartbeat(@CurrentPrincipal() principal: Principal) {
    await this.commands.publish(agentHeartbeatType, {
      tenantId: principal.tenantId,
      agentId: principal.subject,
      sentAt: new Date().toISOString(),
    });
    return { accepted: true };
  }

  @Get('offers')
  listOffers(@CurrentPrincipal() principal: Principal) {
    const { commandId, tenantId, agentId, requestedAt } = commandHeader(principal);
    return this.commands.send(listOffersType, { commandId, tenantId, agentId, requestedAt });
  }
}
