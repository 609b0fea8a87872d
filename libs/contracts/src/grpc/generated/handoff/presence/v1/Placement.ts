// Original file: proto/handoff/presence/v1/presence.proto

import type {
  SkillRequirement as _handoff_presence_v1_SkillRequirement,
  SkillRequirement__Output as _handoff_presence_v1_SkillRequirement__Output,
} from '../../../handoff/presence/v1/SkillRequirement.js';
import type { Long } from '@grpc/proto-loader';

export interface Placement {
  conversationId?: string;
  skills?: _handoff_presence_v1_SkillRequirement[];
  language?: string;
  excludeAgentIds?: string[];
  strategy?: string;
  preferredAgentId?: string;
  preferredOnly?: boolean;
  channel?: string;
  teams?: string[];
  otherLanguages?: string[];
  holdMs?: number | string | Long;
}

export interface Placement__Output {
  conversationId: string;
  skills: _handoff_presence_v1_SkillRequirement__Output[];
  language: string;
  excludeAgentIds: string[];
  strategy: string;
  preferredAgentId: string;
  preferredOnly: boolean;
  channel: string;
  teams: string[];
  otherLanguages: string[];
  holdMs: string;
}
