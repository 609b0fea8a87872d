// Original file: proto/handoff/presence/v1/presence.proto

import type {
  SkillRequirement as _handoff_presence_v1_SkillRequirement,
  SkillRequirement__Output as _handoff_presence_v1_SkillRequirement__Output,
} from '../../../handoff/presence/v1/SkillRequirement.js';

export interface FindCandidatesRequest {
  tenantId?: string;
  skills?: _handoff_presence_v1_SkillRequirement[];
  language?: string;
  limit?: number;
}

export interface FindCandidatesRequest__Output {
  tenantId: string;
  skills: _handoff_presence_v1_SkillRequirement__Output[];
  language: string;
  limit: number;
}
