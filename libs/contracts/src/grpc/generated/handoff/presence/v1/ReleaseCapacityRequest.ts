// Original file: proto/handoff/presence/v1/presence.proto

export interface ReleaseCapacityRequest {
  tenantId?: string;
  conversationId?: string;
}

export interface ReleaseCapacityRequest__Output {
  tenantId: string;
  conversationId: string;
}
