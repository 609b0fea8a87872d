// Runs one tier of compiled tests (unit, integration, fault or e2e) with node's test runner.
// Usage: node tools/testing/run-tier.mjs <tier> <summary.json>
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// Compiled project tests live under dist/; workspace tooling tests are plain .mjs under tools/.
// Integration files mostly wait on the broker, so a few share it at once; each uses its own
// groups, ids and databases. Fault tests stop and restart brokers, stores and services and measure
// recovery, so they run one at a time; the e2e file starts every service, enough for two cores.
const concurrency = { unit: 2, integration: 3, fault: 1, e2e: 1 };
const suffixes = {
  unit: '.spec.js',
  integration: '.int-spec.js',
  fault: '.fault-spec.js',
  e2e: '.e2e-spec.js',
};
const toolSuffixes = { unit: '.spec.mjs' };
const [tier, summaryFile] = process.argv.slice(2);
const suffix = suffixes[tier];
if (!suffix || !summaryFile) {
  console.error('usage: run-tier.mjs <unit|integration|fault|e2e> <summary.json>');
  process.exit(2);
}

function findTests(dir, accept, found = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, accept, found);
    else if (accept(path)) found.push(path);
  }
  return found;
}

const root = process.cwd();
// A compiled test whose source was deleted or renamed is left behind by incremental builds: skip it.
const sourceOf = (path) =>
  path.replace(`${sep}dist${sep}`, `${sep}src${sep}`).replace(/\.js$/, '.ts');
const compiled = (path) =>
  path.endsWith(suffix) && path.includes(join('dist', '')) && existsSync(sourceOf(path));
const tooling = (path) => Boolean(toolSuffixes[tier]) && path.endsWith(toolSuffixes[tier]);
const files = [
  ...['libs', 'apps'].flatMap((dir) => findTests(join(root, dir), compiled)),
  ...findTests(join(root, 'tools'), tooling),
]
  .map((file) => relative(root, file))
  .sort();
if (files.length === 0) {
  console.error(`no ${tier} tests found`);
  process.exit(1);
}
console.log(`\n=== ${tier} tests: ${files.length} files ===`);
const result = spawnSync(
  process.execPath,
  [
    '--test',
    `--test-concurrency=${concurrency[tier]}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'tools/testing/summary-reporter.mjs')}`,
    '--test-reporter-destination=stderr',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, HANDOFF_TEST_SUMMARY: summaryFile } },
);
process.exit(result.status ?? 1);
