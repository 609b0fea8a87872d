import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { inKeyOrder } from './key-order.js';

describe('inKeyOrder', () => {
  it("keeps each key's items in order while different keys run at once, and returns results in input order", async () => {
    const items = [
      { key: 'a', n: 1, wait: 20 },
      { key: 'b', n: 2, wait: 1 },
      { key: 'a', n: 3, wait: 1 },
      { key: 'c', n: 4, wait: 5 },
      { key: 'b', n: 5, wait: 1 },
    ];
    const finished: number[] = [];
    let inFlight = 0;
    let most = 0;
    const results = await inKeyOrder(
      items,
      (item) => item.key,
      async (item) => {
        most = Math.max(most, ++inFlight);
        await sleep(item.wait);
        inFlight--;
        finished.push(item.n);
        return item.n * 10;
      },
      3,
    );
    assert.deepEqual(results, [10, 20, 30, 40, 50]);
    assert.ok(finished.indexOf(1) < finished.indexOf(3), 'a: 1 before 3');
    assert.ok(finished.indexOf(2) < finished.indexOf(5), 'b: 2 before 5');
    assert.ok(finished.indexOf(2) < finished.indexOf(3), 'b does not wait for a');
    assert.equal(most, 3);
  });

  it('runs one key at a time with a concurrency of one, and handles nothing to do', async () => {
    let inFlight = 0;
    let most = 0;
    await inKeyOrder(
      ['x', 'y', 'z'],
      (item) => item,
      async () => {
        most = Math.max(most, ++inFlight);
        await sleep(1);
        inFlight--;
      },
      1,
    );
    assert.equal(most, 1);
    assert.deepEqual(
      await inKeyOrder(
        [],
        () => 'k',
        async () => 1,
        4,
      ),
      [],
    );
  });
});
