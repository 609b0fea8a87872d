import type { EventData } from '../event-data.js';
import { extensibleEnum, identifierSchema, timestampSchema } from '../common.schema.js';

export const commandResultType = 'handoff.agent.command.result';

export const commandResultSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-command-result.json',
  title: 'CommandResult',
  description: "What became of an agent's command: done, or refused with the reason.",
  type: 'object',
  required: ['commandId', 'tenantId', 'agentId', 'conversationId', 'status', 'decidedAt'],
  properties: {
    commandId: identifierSchema,
    tenantId: identifierSchema,
    agentId: identifierSchema,
    conversationId: identifierSchema,
    status: extensibleEnum(
      ['done', 'refused'],
      'Any value this version does not know is shown as it is, with the reason',
    ),
    reason: { type: 'string', maxLength: 300 },
    decidedAt: timestampSchema,
  },
} as const;

export type CommandResult = EventData<typeof commandResultSchema>;
