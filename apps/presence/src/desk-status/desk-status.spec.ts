import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveId, type SetAgentStatus } from '@handoff/contracts';
import { AgentDirectory } from '../agents/agent-directory.js';
import { at } from '../agents/agent.fixtures.js';
import { agentStatusOf } from '../agents/agent-status.fixtures.js';
import type { AgentStatusLog } from '../agents/agent-status-log.js';
import { AgentsService } from '../agents/agents.service.js';
import { DeskStatus } from './desk-status.js';

function deskStatus() {
  const appended: { causeId: string }[] = [];
  const directory = new AgentDirectory();
  const agents = new AgentsService(
    directory,
    {
      append: async (changed: { causeId: string }[]) => void appended.push(...changed),
    } as unknown as AgentStatusLog,
    undefined as never,
    undefined as never,
    { addReadiness: () => undefined } as never,
  );
  return { desk: new DeskStatus(agents), directory, appended };
}

const command = (
  commandId: string,
  agentId: string,
  status: SetAgentStatus['status'],
  seconds: number,
): SetAgentStatus => ({
  ...agentStatusOf('acme', agentId, { status }),
  commandId,
  requestedAt: at(seconds).toISOString(),
});

describe('DeskStatus', () => {
  it('applies the allowed commands, announces them, and answers a refused one with the reason', async () => {
    const { desk, directory } = deskStatus();
    await desk.apply([command('c0', 'ana', 'offline', 1)], at(1));

    const { announcements, results } = await desk.apply(
      [command('c1', 'ana', 'busy', 2), command('c2', 'bo', 'online', 2)],
      at(3),
    );

    assert.deepEqual(
      results.map(({ data }) => [data.commandId, data.status, data.reason, data.command]),
      [
        ['c1', 'refused', 'an agent who is offline cannot go busy', 'handoff.agent.status.set'],
        ['c2', 'done', undefined, 'handoff.agent.status.set'],
      ],
    );
    assert.equal(results[1]!.data.decidedAt, at(3).toISOString());
    assert.deepEqual(
      announcements.map(({ data }) => [data.agentId, data.status, data.cause]),
      [['bo', 'online', 'status_changed']],
      'only the applied change is announced',
    );
    assert.equal(directory.get('acme', 'ana')!.status, 'offline');
    assert.deepEqual(directory.get('acme', 'bo')!.statusChangedAt, at(2), 'when the desk asked');
  });

  it('answers a redelivered command with the same result id and applies it once', async () => {
    const { desk, appended } = deskStatus();
    const first = await desk.apply([command('c1', 'ana', 'away', 1)], at(2));
    const again = await desk.apply([command('c1', 'ana', 'away', 1)], at(5));

    assert.equal(first.results[0]!.id, deriveId('desk-result', 'c1'));
    assert.equal(again.results[0]!.id, first.results[0]!.id);
    assert.equal(again.results[0]!.data.status, 'done');
    assert.deepEqual(again.announcements, [], 'nothing changed the second time');
    assert.equal(appended.length, 1);
  });
});
