// Original file: proto/handoff/presence/v1/presence.proto

export interface Placed {
  conversationId?: string;
  reserved?: boolean;
  agentId?: string;
  displayName?: string;
  activeChats?: number;
  onlineAgents?: number;
  matchingAgents?: number;
}

export interface Placed__Output {
  conversationId: string;
  reserved: boolean;
  agentId: string;
  displayName: string;
  activeChats: number;
  onlineAgents: number;
  matchingAgents: number;
}
