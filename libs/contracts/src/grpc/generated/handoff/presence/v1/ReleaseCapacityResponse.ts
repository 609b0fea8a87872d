// Original file: proto/handoff/presence/v1/presence.proto

export interface ReleaseCapacityResponse {
  released?: boolean;
  agentId?: string;
}

export interface ReleaseCapacityResponse__Output {
  released: boolean;
  agentId: string;
}
