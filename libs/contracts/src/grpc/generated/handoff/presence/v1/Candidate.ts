// Original file: proto/handoff/presence/v1/presence.proto

import type { Long } from '@grpc/proto-loader';

export interface Candidate {
  agentId?: string;
  displayName?: string;
  proficiency?: number;
  activeChats?: number;
  capacity?: number;
  lastAssignedAtMs?: number | string | Long;
}

export interface Candidate__Output {
  agentId: string;
  displayName: string;
  proficiency: number;
  activeChats: number;
  capacity: number;
  lastAssignedAtMs: string;
}
