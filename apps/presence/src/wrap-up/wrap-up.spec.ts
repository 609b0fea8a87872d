import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { EventPublisher } from '@handoff/messaging';
import { AgentDirectory } from '../agents/agent-directory.js';
import { agent, at } from '../agents/agent.fixtures.js';
import { WrapUpWatch } from './wrap-up-watch.js';
import { wrapUpChangeOf } from './wrap-ups.js';

describe('wrap-up', () => {
  let directory: AgentDirectory;

  beforeEach(() => {
    directory = new AgentDirectory();
  });

  it('puts an available agent into wrap-up for their own duration, else the default', () => {
    const own = directory.apply(agent('own', { wrapUpSeconds: 20, sequence: 3 })).entry;
    const byDefault = directory.apply(agent('default')).entry;
    const none = directory.apply(agent('none', { wrapUpSeconds: 0 })).entry;
    const busy = directory.apply(agent('busy', { status: 'busy' })).entry;

    const change = wrapUpChangeOf(own, 5000);
    assert.deepEqual(
      [change?.status, change?.reason, change?.wrapUpSeconds, change?.sequence],
      ['wrap_up', 'conversation_closed', 20, 3],
    );
    assert.equal(wrapUpChangeOf(byDefault, 5000)?.wrapUpSeconds, 5);
    assert.equal(wrapUpChangeOf(byDefault, 0), undefined, 'no default: none');
    assert.equal(wrapUpChangeOf(none, 5000), undefined, 'the agent takes none');
    assert.equal(wrapUpChangeOf(busy, 5000), undefined, 'busy agents stay busy');
  });

  it('announces each due wrap-up end once, as an online change, and retries what it could not send', async () => {
    const sent: { data: { agentId: string; status: string; reason?: string }; id?: string }[] = [];
    let failing = true;
    const publisher = {
      emit: async (_type: string, data: (typeof sent)[number]['data'], id?: string) => {
        if (failing) throw new Error('broker down');
        sent.push({ data, id });
      },
    } as unknown as EventPublisher;
    const watch = new WrapUpWatch(directory, publisher);
    try {
      directory.apply(agent('ana', { status: 'wrap_up', wrapUpEndsAt: at(10) }));
      directory.apply(agent('bo', { status: 'wrap_up', wrapUpEndsAt: at(30) }));
      directory.apply(agent('cy', { status: 'wrap_up' }));

      assert.equal(await watch.check(at(20).getTime()), 0, 'the broker is down');
      failing = false;
      assert.equal(await watch.check(at(20).getTime()), 1);
      assert.equal(await watch.check(at(21).getTime()), 0, 'announced already');
      assert.deepEqual(
        sent.map(({ data }) => [data.agentId, data.status, data.reason]),
        [['ana', 'online', 'wrap_up_ended']],
      );
      directory.apply(agent('ana', { statusChangedAt: at(22) }));
      directory.apply(
        agent('ana', { status: 'wrap_up', wrapUpEndsAt: at(40), statusChangedAt: at(35) }),
      );
      assert.equal(await watch.check(at(45).getTime()), 2, "ana's next wrap-up, and bo's");
      assert.notEqual(sent[1]!.id, sent[0]!.id);
    } finally {
      watch.onModuleDestroy();
    }
  });
});
