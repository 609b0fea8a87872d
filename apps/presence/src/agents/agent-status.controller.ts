import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import type { AgentEntry } from './agent-directory.js';
import { defaultChannel } from './agent-entry.js';
import { AgentsService } from './agents.service.js';
import { onShiftAt, shiftsAround, type Shift, type ShiftSchedule } from './shift-schedule.js';

/**
 * An agent as presence sees it, read only: statuses change through events on
 * handoff.agent.status.v1 and desks' commands on handoff.agent.commands.v1, never over HTTP.
 */
@Controller('agents')
export class AgentStatusController {
  constructor(private readonly agents: AgentsService) {}

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
