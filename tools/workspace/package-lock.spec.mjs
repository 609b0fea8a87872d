// `npm ci` downloads each tarball straight from the address recorded in the lock file; an entry
// without one sends npm to the registry's metadata first, many times slower on a cold cache.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const installed = Object.entries(lock.packages).filter(
  ([path, entry]) => path.includes('node_modules/') && !entry.link,
);

describe('package-lock.json', () => {
  it('lists installed packages', () => {
    assert.ok(installed.length > 100, `only ${installed.length} packages in the lock file`);
  });

  it('records a tarball address and an integrity hash for every installed package', () => {
    const incomplete = installed
      .filter(([, entry]) => !/^https:\/\//.test(entry.resolved ?? '') || !entry.integrity)
      .map(([path]) => path);
    assert.deepEqual(incomplete, []);
  });
});
