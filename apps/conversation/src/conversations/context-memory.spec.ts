import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caseRecords, message } from '../context/context-records.fixtures.js';
import type { ContextRecords } from '../context/context-records.js';
import { ContextMemory } from './context-memory.js';

function startedWith(memory: ContextMemory, records: ContextRecords, partition = 0): void {
  memory.started(records.conversation, partition);
  memory.remember('messages', records.messages);
  memory.remember('escalations', records.escalations);
  memory.remember('sentiments', records.sentiments);
}

describe('ContextMemory', () => {
  it('holds a conversation it saw start, with every record stored after, each once', () => {
    const memory = new ContextMemory(10);
    const records = caseRecords();
    startedWith(memory, records);
    memory.remember('messages', records.messages.slice(0, 1));

    const held = memory.recordsOf('c-1', 'acme');
    assert.ok(held);
    assert.equal(held.conversation, records.conversation);
    assert.deepEqual(
      held.messages.map(({ _id }) => _id),
      records.messages.map(({ _id }) => _id),
    );
    assert.equal(held.escalations.length, records.escalations.length);
    assert.deepEqual(held.notes, []);
  });

  it('holds nothing of conversations it did not see start, nor for another tenant', () => {
    const memory = new ContextMemory(10);
    memory.remember('messages', [message('m-1', 'customer', 'hello', 1)]);
    assert.equal(memory.recordsOf('c-1', 'acme'), undefined);

    const another = new ContextMemory(10);
    startedWith(another, caseRecords());
    assert.equal(another.recordsOf('c-1', 'globex'), undefined);
    another.remember('messages', [
      message('m-x', 'customer', 'not mine', 2, { tenantId: 'globex' }),
    ]);
    assert.ok(!another.recordsOf('c-1', 'acme')!.messages.some(({ text }) => text === 'not mine'));
  });

  it('does not hold from its start a conversation that had records stored before it', () => {
    const memory = new ContextMemory(10);
    const records = caseRecords();
    memory.remember('sentiments', records.sentiments);
    memory.started(records.conversation, 0);
    assert.equal(memory.recordsOf('c-1', 'acme'), undefined, 'read whole from the store instead');
  });

  it('keeps a record stored while the conversation was being read from the store', () => {
    const memory = new ContextMemory(10);
    const stored = caseRecords();
    const load = memory.loading('c-1', 'acme', 3);
    assert.ok(load);
    assert.equal(memory.recordsOf('c-1', 'acme'), undefined, 'not whole until loaded');
    const late = message('m-late', 'customer', 'still there?', 59);
    memory.remember('messages', [late]);

    memory.loaded(load, stored);

    const held = memory.recordsOf('c-1', 'acme')!;
    assert.equal(held.messages.length, stored.messages.length + 1);
    assert.ok(held.messages.some(({ _id }) => _id === late._id));
  });

  it('drops a load the store had nothing for, or that a lost partition overtook', () => {
    const memory = new ContextMemory(10);
    const nothing = memory.loading('c-1', 'acme', 3)!;
    memory.loaded(nothing, undefined);
    assert.equal(memory.size, 0);

    const overtaken = memory.loading('c-1', 'acme', 3)!;
    memory.forgetPartitions([3]);
    memory.loaded(overtaken, caseRecords());
    assert.equal(memory.recordsOf('c-1', 'acme'), undefined);
  });

  it('forgets the conversations of a lost partition, and the least recently used beyond capacity', () => {
    const memory = new ContextMemory(2);
    const first = caseRecords();
    startedWith(memory, first, 1);
    memory.started({ ...first.conversation, _id: 'c-2' }, 2);
    memory.recordsOf('c-1', 'acme');
    memory.started({ ...first.conversation, _id: 'c-3' }, 2);

    assert.ok(memory.recordsOf('c-1', 'acme'), 'used lately, kept');
    assert.equal(memory.recordsOf('c-2', 'acme'), undefined, 'least recently used, dropped');
    memory.forgetPartitions([1]);
    assert.equal(memory.recordsOf('c-1', 'acme'), undefined);
    assert.ok(memory.recordsOf('c-3', 'acme'));
  });
});
