import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { icwsmSources } from './icwsm-2014.js';

/**
 * The rated sets ship inside the source distribution of the `vaderSentiment` package on PyPI (MIT),
 * as `additional_resources/hutto_ICWSM_2014.tar.gz`. They are fetched with pip on first use, checked
 * against a pinned hash and unpacked into the cache, never committed to this repository.
 */
export const vaderSdist = {
  requirement: 'vaderSentiment==3.3.2',
  file: 'vaderSentiment-3.3.2.tar.gz',
  sha256: '5d7c06e027fc8b99238edb0d53d970cf97066ef97654009890b83703849632f9',
  archive: 'vaderSentiment-3.3.2/additional_resources/hutto_ICWSM_2014.tar.gz',
  unpacked: 'hutto_ICWSM_2014',
  cacheFolder: 'vaderSentiment-3.3.2-icwsm-2014',
} as const;

export function isUnpacked(folder: string): boolean {
  return icwsmSources.every(({ file }) => existsSync(join(folder, file)));
}

/** Throws unless the file's SHA-256 is the expected one. */
export function checkSha256(path: string, expected: string): void {
  const actual = createHash('sha256').update(readFileSync(path)).digest('hex');
  if (actual !== expected) throw new Error(`${path}: SHA-256 ${actual}, expected ${expected}`);
}

/** The folder holding the ground-truth files, fetched into `cacheRoot` the first time. */
export function ensureIcwsm2014(cacheRoot: string, log: (line: string) => void): string {
  const folder = join(cacheRoot, vaderSdist.cacheFolder);
  if (isUnpacked(folder)) return folder;
  mkdirSync(cacheRoot, { recursive: true });
  // Unpacked beside the cache and moved in whole, so an interrupted fetch never looks complete.
  const work = mkdtempSync(join(cacheRoot, `.${vaderSdist.cacheFolder}-`));
  try {
    log(`fetching ${vaderSdist.requirement} (source distribution) from PyPI into ${folder}`);
    pipDownload(work);
    const sdist = join(work, vaderSdist.file);
    checkSha256(sdist, vaderSdist.sha256);
    run('tar', ['-xzf', sdist, '-C', work, vaderSdist.archive]);
    run('tar', ['-xzf', join(work, vaderSdist.archive), '-C', work, '--no-same-permissions']);
    rmSync(folder, { recursive: true, force: true });
    renameSync(join(work, vaderSdist.unpacked), folder);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!isUnpacked(folder)) throw new Error(`${folder}: the archive lacks a ground-truth file`);
  return folder;
}

function pipDownload(destination: string): void {
  const args = ['-m', 'pip', 'download', '--no-deps', '--no-binary', ':all:'];
  args.push('--progress-bar', 'off', '--dest', destination, vaderSdist.requirement);
  for (const python of ['python3', 'python']) {
    try {
      run(python, args);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error('fetching the ICWSM-2014 sets needs Python 3 with pip (python3 -m pip)');
}

/** Runs a command with its output on standard error, keeping standard output for the table. */
function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 2, 2] });
}
