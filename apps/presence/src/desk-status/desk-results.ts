import {
  deriveId,
  setAgentStatusType,
  type DeskResult,
  type SetAgentStatus,
} from '@handoff/contracts';

/** The id of the status change a desk's command makes: the same for every delivery of the command. */
export function statusChangeIdOf(command: SetAgentStatus): string {
  return deriveId('status-set', command.commandId);
}

/** The answer to a desk's status command, with an id every delivery of the command shares. */
export function deskResultOf(
  command: SetAgentStatus,
  refusal: string | undefined,
  decidedAt: Date,
): { data: DeskResult; id: string } {
  return {
    id: deriveId('desk-result', command.commandId),
    data: {
      commandId: command.commandId,
      tenantId: command.tenantId,
      agentId: command.agentId,
      command: setAgentStatusType,
      status: refusal === undefined ? 'done' : 'refused',
      ...(refusal === undefined ? {} : { reason: refusal }),
      decidedAt: decidedAt.toISOString(),
    },
  };
}
