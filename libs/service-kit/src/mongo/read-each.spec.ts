import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readEach } from './read-each.js';

describe('readEach', () => {
  it("returns every key's records in the keys' order, with at most `concurrency` reads at once", async () => {
    let inFlight = 0;
    let most = 0;
    const read = async (key: string) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, key === 'a' ? 20 : 1));
      inFlight--;
      return key === 'c' ? [] : [`${key}1`, `${key}2`];
    };
    assert.deepEqual(await readEach(['a', 'b', 'c', 'd'], read, 2), [
      'a1',
      'a2',
      'b1',
      'b2',
      'd1',
      'd2',
    ]);
    assert.equal(most, 2);
    assert.deepEqual(await readEach([], read), []);
  });
});
