import { Inject, Injectable } from '@nestjs/common';
import { deriveId, type AgentStatusChanged } from '@handoff/contracts';
import type { AgentEntry } from '../agents/agent-entry.js';
import { AgentsService } from '../agents/agents.service.js';
import { statusChangeOf } from '../agents/status-change.js';

/** Presence's wrap-up after each conversation, for agents whose status change names none; 0 none. */
export const WRAP_UP_MS = Symbol('WRAP_UP_MS');

/** The wrap-up an agent takes after a conversation closes, in ms: theirs, else the default. */
export function wrapUpMsOf(agent: AgentEntry, defaultMs: number): number {
  return agent.wrapUpSeconds !== undefined ? Math.round(agent.wrapUpSeconds * 1000) : defaultMs;
}

/**
 * The status change that puts an available agent into wrap-up once a conversation of theirs has
 * closed, or undefined when they take none (or are not available: busy, away and offline agents
 * keep their status). It carries the duration, so the wrap-up ends that long after it began.
 */
export function wrapUpChangeOf(
  agent: AgentEntry,
  defaultMs: number,
): AgentStatusChanged | undefined {
  const durationMs = wrapUpMsOf(agent, defaultMs);
  if (agent.status !== 'online' || durationMs <= 0) return undefined;
  return {
    ...statusChangeOf(agent, 'wrap_up', 'conversation_closed'),
    wrapUpSeconds: durationMs / 1000,
  };
}

/** Puts agents into wrap-up when their conversations close; applied here, at once, so no placement slips in. */
@Injectable()
export class WrapUps {
  constructor(
    private readonly agents: AgentsService,
    @Inject(WRAP_UP_MS) private readonly defaultMs: number,
  ) {}

  /** Applies and returns the wrap-ups of the agents who got slots back, to be published as they are. */
  async begin(
    freed: readonly AgentEntry[],
    causeId: string,
    at: Date,
  ): Promise<{ change: AgentStatusChanged; id: string }[]> {
    const began = freed.flatMap((agent) => {
      const change = wrapUpChangeOf(agent, this.defaultMs);
      const id = deriveId('wrap-up', causeId, agent.tenantId, agent.agentId);
      return change ? [{ change, id, at }] : [];
    });
    if (began.length > 0) await this.agents.applyStatuses(began);
    return began.map(({ change, id }) => ({ change, id }));
  }
}
