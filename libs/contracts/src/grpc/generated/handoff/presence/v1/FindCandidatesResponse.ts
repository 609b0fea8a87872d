// Original file: proto/handoff/presence/v1/presence.proto

import type {
  Candidate as _handoff_presence_v1_Candidate,
  Candidate__Output as _handoff_presence_v1_Candidate__Output,
} from '../../../handoff/presence/v1/Candidate.js';

export interface FindCandidatesResponse {
  candidates?: _handoff_presence_v1_Candidate[];
  onlineAgents?: number;
  matchingAgents?: number;
}

export interface FindCandidatesResponse__Output {
  candidates: _handoff_presence_v1_Candidate__Output[];
  onlineAgents: number;
  matchingAgents: number;
}
