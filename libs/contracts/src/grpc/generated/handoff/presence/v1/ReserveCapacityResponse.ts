// Original file: proto/handoff/presence/v1/presence.proto

export interface ReserveCapacityResponse {
  reserved?: boolean;
  agentId?: string;
  displayName?: string;
  activeChats?: number;
}

export interface ReserveCapacityResponse__Output {
  reserved: boolean;
  agentId: string;
  displayName: string;
  activeChats: number;
}
