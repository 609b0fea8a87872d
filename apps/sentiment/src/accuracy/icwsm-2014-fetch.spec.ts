import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { icwsmSources } from './icwsm-2014.js';
import { checkSha256, ensureIcwsm2014, isUnpacked, vaderSdist } from './icwsm-2014-fetch.js';

describe('ICWSM-2014 fetch', () => {
  const root = mkdtempSync(join(tmpdir(), 'icwsm-fetch-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('checks a file against its SHA-256', () => {
    const file = join(root, 'archive');
    writeFileSync(file, 'abc');
    checkSha256(file, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.throws(() => checkSha256(file, vaderSdist.sha256), /expected 5d7c06e0/);
  });

  it('takes an unpacked cache as it is, without fetching', () => {
    const cacheRoot = join(root, 'cache');
    const folder = join(cacheRoot, vaderSdist.cacheFolder);
    mkdirSync(folder, { recursive: true });
    for (const { file } of icwsmSources) writeFileSync(join(folder, file), `1\t0.5\t${file}\n`);
    const logged: string[] = [];
    assert.equal(
      ensureIcwsm2014(cacheRoot, (line) => logged.push(line)),
      folder,
    );
    assert.deepEqual(logged, []);
    assert.equal(
      readFileSync(join(folder, icwsmSources[0].file), 'utf8'),
      `1\t0.5\ttweets_GroundTruth.txt\n`,
    );
  });

  it('sees a cache missing one ground-truth file as not unpacked', () => {
    const folder = join(root, 'partial');
    mkdirSync(folder);
    for (const { file } of icwsmSources.slice(1)) writeFileSync(join(folder, file), '');
    assert.equal(isUnpacked(folder), false);
  });
});
