import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AgentDirectory } from './agent-directory.js';
import { agent, heldPlacement } from './agent.fixtures.js';

describe('AgentDirectory held slots', () => {
  let directory: AgentDirectory;

  beforeEach(() => {
    directory = new AgentDirectory();
    directory.apply(agent('ana', { capacity: 1 }));
  });

  it('holds a slot placed with a hold until now + hold_ms, and one placed without for good', () => {
    directory.apply(agent('bo', { capacity: 1 }));
    const [first, second] = directory.placeBest(
      'acme',
      [heldPlacement('c1', 500), heldPlacement('c2', 0)],
      1_000,
    );

    assert.deepEqual([first!.reserved, second!.reserved], [true, true]);
    assert.equal(directory.heldUntil('acme', 'c1'), 1_500);
    assert.equal(directory.heldUntil('acme', 'c2'), undefined, 'hold_ms 0: no hold');
    directory.apply(agent('cy', { capacity: 1 }));
    directory.reserve('acme', 'cy', 'c3', 1_000);
    assert.equal(directory.heldUntil('acme', 'c3'), undefined, 'a plain reservation is confirmed');
  });

  it('keeps the hold of a conversation placed again as it was, neither longer nor shorter', () => {
    directory.placeBest('acme', [heldPlacement('c1', 500)], 1_000);

    const again = directory.placeBest('acme', [heldPlacement('c1', 10_000)], 1_200);
    const shorter = directory.placeBest('acme', [heldPlacement('c1', 1)], 1_300);

    assert.deepEqual([again[0]!.agentId, shorter[0]!.agentId], ['ana', 'ana'], 'the slot it holds');
    assert.equal(directory.heldUntil('acme', 'c1'), 1_500);
    assert.equal(directory.get('acme', 'ana')!.conversations.size, 1);
  });

  it('confirms a held slot for good, again and again, and nothing for a conversation without one', () => {
    directory.placeBest('acme', [heldPlacement('c1', 500)], 1_000);

    assert.equal(directory.confirm('acme', 'c1')?.agentId, 'ana');
    assert.equal(directory.heldUntil('acme', 'c1'), undefined);
    assert.equal(directory.confirm('acme', 'c1')?.agentId, 'ana', 'idempotent');
    assert.deepEqual(directory.holdsDueBy(10_000), []);
    assert.equal(directory.expire('acme', 'c1', 10_000), undefined, 'a confirmed slot stays');
    assert.equal(directory.confirm('acme', 'unknown'), undefined);
    assert.equal(directory.confirm('globex', 'c1'), undefined, 'only the tenant that holds it');
  });

  it('gives a held slot back once its hold has run out, not before', () => {
    directory.placeBest('acme', [heldPlacement('c1', 500)], 1_000);

    assert.deepEqual(directory.holdsDueBy(1_499), []);
    assert.equal(directory.expire('acme', 'c1', 1_499), undefined, 'not due yet');
    assert.deepEqual(directory.holdsDueBy(1_500), [
      { tenantId: 'acme', conversationId: 'c1', heldUntil: 1_500 },
    ]);
    assert.equal(directory.expire('acme', 'c1', 1_500)?.agentId, 'ana');
    assert.equal(directory.holderOf('acme', 'c1'), undefined);
    assert.equal(directory.get('acme', 'ana')!.freeSlots, 1);
    assert.equal(directory.expire('acme', 'c1', 2_000), undefined, 'given back once');
    assert.equal(directory.confirm('acme', 'c1'), undefined, 'too late to confirm');
    assert.equal(
      directory.placeBest('acme', [heldPlacement('c1', 500)], 2_000)[0]!.reserved,
      true,
      'a conversation whose hold ran out may be placed again',
    );
  });

  it('forgets the hold of a slot released or closed', () => {
    directory.apply(agent('bo', { capacity: 1 }));
    directory.placeBest('acme', [heldPlacement('c1', 500), heldPlacement('c2', 500)], 1_000);

    directory.release('acme', 'c1');
    directory.close('acme', 'c2');

    assert.deepEqual(directory.holdsDueBy(10_000), []);
  });

  it('restores a held slot with its deadline, one passed already too, and puts a deadline back', () => {
    directory.restore('acme', 'ana', 'c1', 1_000, 'chat', 1_500);

    assert.equal(directory.holderOf('acme', 'c1')?.agentId, 'ana');
    assert.deepEqual(
      directory.holdsDueBy(5_000).map(({ conversationId }) => conversationId),
      ['c1'],
      'due at the first sweep after a restart',
    );
    directory.confirm('acme', 'c1');
    directory.holdAgain('acme', 'c1', 1_500);
    assert.equal(directory.heldUntil('acme', 'c1'), 1_500, 'a confirmation not stored is undone');
    directory.release('acme', 'c1');
    directory.holdAgain('acme', 'c1', 1_500);
    assert.equal(directory.heldUntil('acme', 'c1'), undefined, 'not on a slot given back');
  });
});
