import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';

export const agentHeartbeatType = 'handoff.agent.heartbeat';

export const agentHeartbeatSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-heartbeat.json',
  title: 'AgentHeartbeat',
  description:
    "The agent's desk is still open. Once a desk sends heartbeats, an agent whose heartbeats stop for longer than the grace period is taken offline and their pending offers go to someone else.",
  type: 'object',
  required: ['tenantId', 'agentId', 'sentAt'],
  properties: {
    tenantId: identifierSchema,
    agentId: identifierSchema,
    sentAt: timestampSchema,
  },
} as const;

export type AgentHeartbeat = EventData<typeof agentHeartbeatSchema>;
