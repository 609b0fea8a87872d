import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  NotFoundException,
  Param,
  Put,
} from '@nestjs/common';
import { EventValidator, agentStatusChangedType } from '@handoff/contracts';
import { describeError, isRejection } from '@handoff/messaging';
import type { AgentEntry } from './agent-directory.js';
import { defaultChannel } from './agent-entry.js';
import { AgentsService } from './agents.service.js';
import { onShiftAt, shiftsAround, type Shift, type ShiftSchedule } from './shift-schedule.js';

const validator = new EventValidator();

/** Agent desks report presence here; the same change can arrive on handoff.agent.status.v1. */
@Controller('agents')
export class AgentStatusController {
  constructor(private readonly agents: AgentsService) {}

  @Put(':agentId/status')
  async setStatus(@Param('agentId') agentId: string, @Body() body: Record<string, unknown>) {
    const result = validator.validateData(agentStatusChangedType, { ...body, agentId });
    if (!result.ok) throw new BadRequestException(`invalid agent status: ${result.reason}`);
    try {
      return agentView(await this.agents.applyStatus(result.data));
    } catch (error) {
      if (isRejection(error)) throw new ConflictException(describeError(error));
      throw error;
    }
  }

  @Get(':tenantId/:agentId')
  get(@Param('tenantId') tenantId: string, @Param('agentId') agentId: string) {
    const agent = this.agents.directory.get(tenantId, agentId);
    if (!agent) throw new NotFoundException(`no agent ${agentId}`);
    return agentView(agent);
  }
}

/** An agent as presence sees it now, slots included: chat, and each channel they take. */
function agentView(agent: AgentEntry) {
  return {
    ...agent.profile(),
    teams: agent.teams ?? [],
    channels: agent.channelSlots(),
    activeChats: agent.inUseOn(defaultChannel),
    freeSlots: Math.max(0, (agent.capacityOn(defaultChannel) ?? 0) - agent.inUseOn(defaultChannel)),
    lastAssignedAt: agent.lastAssignedAt ? new Date(agent.lastAssignedAt) : null,
    ...(agent.schedule ? { schedule: scheduleView(agent.schedule, Date.now()) } : {}),
  };
}

/** Where the agent stands in their shift schedule now: the shift they are in, and the next one. */
function scheduleView(schedule: ShiftSchedule, now: number) {
  const { current, next } = shiftsAround(schedule, now);
  const shiftView = (shift: Shift | undefined) =>
    shift ? { start: new Date(shift.start), end: new Date(shift.end) } : null;
  return {
    onShift: onShiftAt(schedule, now),
    currentShift: shiftView(current),
    nextShift: shiftView(next),
    publishedAt: new Date(schedule.publishedAt),
  };
}
