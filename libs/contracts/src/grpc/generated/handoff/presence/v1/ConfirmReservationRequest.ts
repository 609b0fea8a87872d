// Original file: proto/handoff/presence/v1/presence.proto

export interface ConfirmReservationRequest {
  tenantId?: string;
  conversationId?: string;
}

export interface ConfirmReservationRequest__Output {
  tenantId: string;
  conversationId: string;
}
