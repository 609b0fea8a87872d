// Original file: proto/handoff/presence/v1/presence.proto

export interface ConfirmReservationResponse {
  confirmed?: boolean;
  agentId?: string;
}

export interface ConfirmReservationResponse__Output {
  confirmed: boolean;
  agentId: string;
}
