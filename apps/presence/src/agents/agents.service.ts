import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AgentStatusChanged, Candidate, SkillRequirement } from '@handoff/contracts';
import type { Model } from 'mongoose';
import { Agent } from './agent.schema.js';
import { matchesSkills, lowestProficiency } from './skill-match.js';

export interface CandidateQuery {
  tenantId: string;
  language: string;
  skills: SkillRequirement[];
  limit: number;
}

export interface CandidateResult {
  candidates: Candidate[];
  onlineAgents: number;
  matchingAgents: number;
}

const maxStatusRetries = 5;

@Injectable()
export class AgentsService {
  constructor(@InjectModel(Agent.name) private readonly agents: Model<Agent>) {}

  /**
   * Records a status change. Free slots are recomputed from the active chats seen, with a
   * compare-and-set on them so a concurrent reservation is never overwritten.
   */
  async applyStatus(change: AgentStatusChanged, at = new Date()): Promise<Agent> {
    for (let attempt = 0; attempt < maxStatusRetries; attempt++) {
      const current = await this.agents.findById(change.agentId).lean();
      if (current && current.tenantId !== change.tenantId) {
        throw new Error(`agent ${change.agentId} belongs to another tenant`);
      }
      const activeChats = current?.activeChats ?? 0;
      const fields = {
        tenantId: change.tenantId,
        displayName: change.displayName,
        status: knownStatus(change.status),
        skills: change.skills,
        languages: change.languages,
        capacity: change.capacity,
        freeSlots: Math.max(0, change.capacity - activeChats),
        statusChangedAt: at,
      };
      if (!current) {
        try {
          const created = await this.agents.create({
            _id: change.agentId,
            activeChats: 0,
            activeConversations: [],
            lastAssignedAt: null,
            ...fields,
          });
          return created.toObject();
        } catch (error) {
          if (isDuplicateKey(error)) continue;
          throw error;
        }
      }
      const updated = await this.agents
        .findOneAndUpdate(
          { _id: change.agentId, activeChats },
          { $set: fields },
          { returnDocument: 'after' },
        )
        .lean();
      if (updated) return updated;
    }
    throw new Error(`agent ${change.agentId} changed concurrently ${maxStatusRetries} times`);
  }

  async findById(agentId: string): Promise<Agent | null> {
    return this.agents.findById(agentId).lean();
  }

  async findCandidates(query: CandidateQuery): Promise<CandidateResult> {
    const [onlineAgents, speakers] = await Promise.all([
      this.agents.countDocuments({ tenantId: query.tenantId, status: 'online' }),
      this.agents
        .find({ tenantId: query.tenantId, status: 'online', languages: query.language })
        .lean(),
    ]);
    const matching = speakers.filter((agent) => matchesSkills(agent.skills, query.skills));
    const candidates = matching
      .filter((agent) => agent.freeSlots > 0)
      .slice(0, query.limit)
      .map((agent) => ({
        agentId: agent._id,
        displayName: agent.displayName,
        proficiency: lowestProficiency(agent.skills, query.skills),
        activeChats: agent.activeChats,
        capacity: agent.capacity,
        lastAssignedAtMs: String(agent.lastAssignedAt?.getTime() ?? 0),
      }));
    return { candidates, onlineAgents, matchingAgents: matching.length };
  }
}

/** A status this version does not know means the agent takes no new chats (see COMPATIBILITY.md). */
function knownStatus(status: string): Agent['status'] {
  return status === 'online' || status === 'offline' ? status : 'away';
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: number }).code === 11000;
}
