import { Controller, ForbiddenException, Get, NotFoundException, Param } from '@nestjs/common';
import { Authenticated, CurrentPrincipal, type Principal } from '@handoff/service-kit';
import type { AgentEntry } from './agent-directory.js';
import { defaultChannel } from './agent-entry.js';
import { AgentsService } from './agents.service.js';
import { onShiftAt, shiftsAround, type Shift, type ShiftSchedule } from './shift-schedule.js';

/**
 * An agent as presence sees it, read only: statuses change through events on
 * handoff.agent.status.v1 and desks' commands on handoff.agent.commands.v1, never over HTTP. The
 * caller's token is verified and names the tenant; an agent reads only themselves, a supervisor or
 * admin any agent of their tenant.
 */
@Controller('v1/agents')
@Authenticated('agent', 'supervisor', 'admin')
export class AgentStatusController {
  constructor(private readonly agents: AgentsService) {}

  @Get(':agentId')
  get(@Param('agentId') agentId: string, @CurrentPrincipal() caller: Principal) {
    const seesOthers = caller.roles.some((role) => role === 'supervisor' || role === 'admin');
    if (!seesOthers && caller.subject !== agentId)
      throw new ForbiddenException('an agent reads only themselves');
    const agent = this.agents.directory.get(caller.tenantId, agentId);
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
