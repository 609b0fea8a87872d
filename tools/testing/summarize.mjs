// Adds up the tiers' totals and prints the closing line.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, lintStatus] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const tier of ['unit', 'integration', 'fault', 'e2e']) {
  const file = join(dir, `${tier}.json`);
  if (!existsSync(file)) {
    console.log(`${tier}: did not report (see ${tier}.stderr.log)`);
    failed++;
    continue;
  }
  const totals = JSON.parse(readFileSync(file, 'utf8'));
  console.log(
    `${tier}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped${timing(totals)}`,
  );
  passed += totals.passed;
  failed += totals.failed;
  skipped += totals.skipped;
  failures.push(...totals.failures);
}
if (lintStatus !== '0') {
  failed++;
  failures.push('lint');
}
for (const failure of failures) console.log(`FAILED: ${failure}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

/**
 * The tier's wall time beside the time its top-level suites ran (without loading and exiting the
 * test processes), to see how many ran at once.
 */
function timing({ wallMs, suites }) {
  if (!wallMs || !suites?.length) return '';
  const suitesMs = suites.reduce((sum, { durationMs }) => sum + durationMs, 0);
  const seconds = (ms) => Math.round(ms / 1000);
  return ` (${seconds(wallMs)} s; suites ${seconds(suitesMs)} s in all, ${(suitesMs / wallMs).toFixed(1)} at a time)`;
}
