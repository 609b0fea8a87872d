// Original file: proto/handoff/presence/v1/presence.proto

export interface ReserveCapacityRequest {
  tenantId?: string;
  agentId?: string;
  conversationId?: string;
}

export interface ReserveCapacityRequest__Output {
  tenantId: string;
  agentId: string;
  conversationId: string;
}
