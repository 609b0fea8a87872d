import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TenantQueue, type QueueEntry } from './tenant-queue.js';

function entry(conversationId: string, priority: number, second: number): QueueEntry {
  return {
    escalationId: `esc:${conversationId}`,
    conversationId,
    tenantId: 'acme',
    requirements: { language: 'en', skills: [] },
    priority,
    enqueuedAt: new Date(Date.UTC(2026, 10, 26, 10, 0, second)),
    queue: '',
    declinedBy: [],
    admitted: true,
    stored: false,
  };
}

describe('TenantQueue', () => {
  it('serves the highest priority first, then the longest waiting', () => {
    const queue = new TenantQueue();
    queue.add(entry('late-normal', 0, 30));
    queue.add(entry('early-normal', 0, 10));
    queue.add(entry('vip', 5, 40));
    queue.add(entry('middle-normal', 0, 20));

    assert.deepEqual(
      queue.head(10).map((waiting) => waiting.conversationId),
      ['vip', 'early-normal', 'middle-normal', 'late-normal'],
    );
    assert.equal(queue.positionOf('middle-normal'), 3);
    assert.equal(queue.positionOf('unknown'), undefined);
    assert.deepEqual(
      queue.head(2).map((waiting) => waiting.conversationId),
      ['vip', 'early-normal'],
    );
  });

  it('holds a conversation once, and lets it leave', () => {
    const queue = new TenantQueue();
    assert.equal(queue.add(entry('c1', 0, 1)), true);
    assert.equal(queue.add({ ...entry('c1', 9, 2), escalationId: 'esc:c1:again' }), false);
    queue.add(entry('c2', 0, 2));

    assert.equal(queue.remove('c1')?.escalationId, 'esc:c1');
    assert.equal(queue.remove('c1'), undefined);
    assert.equal(queue.has('c1'), false);
    assert.equal(queue.positionOf('c2'), 1);
    assert.equal(queue.size, 1);
  });
});
