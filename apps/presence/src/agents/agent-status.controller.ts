import { BadRequestException, Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { EventValidator, agentStatusChangedType } from '@handoff/contracts';
import { AgentsService } from './agents.service.js';

const validator = new EventValidator();

/** Agent desks report presence here; the same change can arrive on handoff.agent.status.v1. */
@Controller('agents')
export class AgentStatusController {
  constructor(private readonly agents: AgentsService) {}

  @Put(':agentId/status')
  async setStatus(@Param('agentId') agentId: string, @Body() body: Record<string, unknown>) {
    const result = validator.validateData(agentStatusChangedType, { ...body, agentId });
    if (!result.ok) throw new BadRequestException(`invalid agent status: ${result.reason}`);
    return this.agents.applyStatus(result.data);
  }

  @Get(':agentId')
  async get(@Param('agentId') agentId: string) {
    const agent = await this.agents.findById(agentId);
    if (!agent) throw new NotFoundException(`no agent ${agentId}`);
    return agent;
  }
}
