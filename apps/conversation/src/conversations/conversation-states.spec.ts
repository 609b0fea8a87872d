import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationStates, type ConversationState } from './conversation-states.js';

function state(tenantId = 'acme'): ConversationState {
  return { tenantId, language: 'en', channel: 'web', variables: {} };
}

/** The ids still held, probing with `has` (which does not change the order). */
function held(states: ConversationStates, ids: string[]): string[] {
  return ids.filter((id) => states.has(id));
}

describe('ConversationStates', () => {
  it('returns the state it was given, by reference, so ingest changes it in place', () => {
    const states = new ConversationStates(10);
    const kept = state();
    states.set('c1', 0, kept);

    states.get('c1')!.variables['topic'] = 'billing';

    assert.equal(states.get('c1'), kept);
    assert.deepEqual(kept.variables, { topic: 'billing' });
    assert.equal(states.get('unknown'), undefined);
    assert.equal(states.has('unknown'), false);
  });

  it('holds at most its capacity, dropping the least recently set first', () => {
    const states = new ConversationStates(3);
    for (const id of ['a', 'b', 'c', 'd']) states.set(id, 0, state());

    assert.equal(states.size, 3);
    assert.deepEqual(held(states, ['a', 'b', 'c', 'd']), ['b', 'c', 'd']);

    states.set('e', 0, state());
    assert.deepEqual(held(states, ['a', 'b', 'c', 'd', 'e']), ['c', 'd', 'e']);
  });

  it('counts a read as a use: the conversation read last is dropped last', () => {
    const states = new ConversationStates(3);
    for (const id of ['a', 'b', 'c']) states.set(id, 0, state());

    states.get('a');
    states.set('d', 0, state());

    assert.deepEqual(held(states, ['a', 'b', 'c', 'd']), ['a', 'c', 'd']);
  });

  it('does not count `has` as a use', () => {
    const states = new ConversationStates(2);
    states.set('a', 0, state());
    states.set('b', 0, state());

    assert.equal(states.has('a'), true);
    states.set('c', 0, state());

    assert.deepEqual(held(states, ['a', 'b', 'c']), ['b', 'c']);
  });

  it('replaces the state of a conversation set again, making it the most recent without growing', () => {
    const states = new ConversationStates(2);
    states.set('a', 0, state());
    states.set('b', 0, state());
    const replacement = { ...state(), language: 'fr' };

    states.set('a', 1, replacement);
    assert.equal(states.size, 2);
    assert.equal(states.get('a'), replacement);

    states.set('c', 0, state());
    assert.deepEqual(held(states, ['a', 'b', 'c']), ['a', 'c']);
  });

  it('forgets a deleted conversation, and deleting an unknown one is harmless', () => {
    const states = new ConversationStates(2);
    states.set('a', 0, state());

    states.delete('a');
    states.delete('never-there');

    assert.equal(states.size, 0);
    assert.equal(states.get('a'), undefined);
  });

  it('forgets the conversations of partitions it no longer owns, and only those', () => {
    const states = new ConversationStates(10);
    states.set('p0-a', 0, state());
    states.set('p1-a', 1, state());
    states.set('p2-a', 2, state());
    states.set('p1-b', 1, state());
    states.set('p0-b', 0, state());

    states.forgetPartitions([1, 2]);

    assert.deepEqual(held(states, ['p0-a', 'p1-a', 'p2-a', 'p1-b', 'p0-b']), ['p0-a', 'p0-b']);
    assert.equal(states.size, 2);

    states.forgetPartitions([]);
    states.forgetPartitions([7]);
    assert.equal(states.size, 2);
  });

  it('files a conversation under the partition it was last set for', () => {
    const states = new ConversationStates(10);
    states.set('moved', 0, state());
    states.set('moved', 1, state());

    states.forgetPartitions([0]);
    assert.equal(states.has('moved'), true);

    states.forgetPartitions([1]);
    assert.equal(states.has('moved'), false);
  });

  it('keeps the least-recently-used order after partitions are forgotten', () => {
    const states = new ConversationStates(3);
    states.set('a', 0, state());
    states.set('gone', 1, state());
    states.set('b', 0, state());
    states.forgetPartitions([1]);

    states.set('c', 0, state());
    states.set('d', 0, state());

    assert.deepEqual(held(states, ['a', 'b', 'c', 'd']), ['b', 'c', 'd']);
  });
});
