import { Injectable } from '@nestjs/common';
import type { AgentAvailabilityChanged, DeskResult, SetAgentStatus } from '@handoff/contracts';
import { AgentsService } from '../agents/agents.service.js';
import { statusAnnouncements } from '../agents/availability.js';
import { deskResultOf, statusChangeIdOf } from './desk-results.js';

type Emitted<T> = { data: T; id: string };

/**
 * Status changes an agent's desk asks for as commands: applied like those on
 * handoff.agent.status.v1 (same rules, same announcements to routing), and answered. A change the
 * status rules refuse is the desk's answer (refused, with the reason), not a dead letter.
 */
@Injectable()
export class DeskStatus {
  constructor(private readonly agents: AgentsService) {}

  async apply(
    commands: readonly SetAgentStatus[],
    now: Date,
  ): Promise<{
    announcements: Emitted<AgentAvailabilityChanged>[];
    results: Emitted<DeskResult>[];
  }> {
    const { changed, refused } = await this.agents.applyRequested(
      commands.map((command) => ({
        change: command,
        at: new Date(command.requestedAt),
        id: statusChangeIdOf(command),
      })),
    );
    return {
      announcements: statusAnnouncements(changed),
      results: commands.map((command) =>
        deskResultOf(command, refused.get(statusChangeIdOf(command)), now),
      ),
    };
  }
}
