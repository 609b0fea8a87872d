import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { EventPublisher } from '@handoff/messaging';
import { AgentDirectory, type PresenceStatus } from '../agents/agent-directory.js';
import { HeartbeatWatch } from './heartbeat-watch.js';

class FakePublisher {
  readonly emitted: { type: string; data: Record<string, unknown>; id?: string }[] = [];
  async emit(type: string, data: Record<string, unknown>, id?: string): Promise<void> {
    this.emitted.push({ type, data, id });
  }
}

const grace = 30_000;

describe('HeartbeatWatch', () => {
  let directory: AgentDirectory;
  let publisher: FakePublisher;
  let watch: HeartbeatWatch;

  const online = (agentId: string, status: PresenceStatus = 'online') =>
    directory.apply({
      agentId,
      tenantId: 'acme',
      displayName: agentId,
      status,
      skills: [{ name: 'billing', proficiency: 3 }],
      languages: ['en'],
      capacity: 2,
      statusChangedAt: new Date(0),
    });

  beforeEach(() => {
    directory = new AgentDirectory();
    publisher = new FakePublisher();
    watch = new HeartbeatWatch(directory, publisher as unknown as EventPublisher, grace);
  });
  afterEach(() => watch.onModuleDestroy());

  it('takes an online agent offline once their desk has been silent past the grace period, once', async () => {
    online('ana');
    watch.beat('acme', 'ana', 1_000);
    assert.equal(await watch.check(1_000 + grace), 0, 'still within the grace period');
    assert.equal(await watch.check(1_001 + grace), 1);
    assert.equal(await watch.check(5_000 + grace), 0, 'announced once');

    const [lost] = publisher.emitted;
    assert.equal(lost!.type, 'handoff.agent.status.changed');
    assert.deepEqual(lost!.data, {
      agentId: 'ana',
      tenantId: 'acme',
      displayName: 'ana',
      status: 'offline',
      skills: [{ name: 'billing', proficiency: 3 }],
      languages: ['en'],
      capacity: 2,
      reason: 'heartbeat_lost',
    });
    assert.equal(lost!.id, 'heartbeat-lost:acme:ana:1000');
  });

  it('watches again after a new heartbeat, ignores an older one, and leaves alone agents who never beat or are offline', async () => {
    online('ana');
    online('bo');
    online('cy', 'offline');
    watch.beat('acme', 'ana', 1_000);
    watch.beat('acme', 'cy', 1_000);
    await watch.check(2_000 + grace);
    watch.beat('acme', 'ana', 50_000);
    watch.beat('acme', 'ana', 40_000);
    assert.equal(await watch.check(50_000 + grace), 0, 'the older beat changed nothing');
    assert.equal(await watch.check(50_001 + grace), 1);
    assert.deepEqual(
      publisher.emitted.map(({ data }) => data['agentId']),
      ['ana', 'ana'],
      'bo never beat and cy is offline already: neither is taken offline',
    );
  });

  it('takes busy, wrap-up and away agents offline too, keeping the conversations they hold', async () => {
    for (const status of ['busy', 'wrap_up', 'away'] as const) {
      online(status, status);
      watch.beat('acme', status, 1_000);
    }
    directory.restore('acme', 'busy', 'held', 500);
    assert.equal(await watch.check(1_001 + grace), 3);
    assert.deepEqual(
      publisher.emitted.map(({ data }) => [data['agentId'], data['status'], data['reason']]),
      [
        ['busy', 'offline', 'heartbeat_lost'],
        ['wrap_up', 'offline', 'heartbeat_lost'],
        ['away', 'offline', 'heartbeat_lost'],
      ],
    );
    const busy = directory.get('acme', 'busy')!;
    directory.apply({ ...busy.profile(), status: 'offline', statusChangedAt: new Date(2) });
    assert.equal(directory.holderOf('acme', 'held')?.agentId, 'busy', 'held until closed');
  });
});
