// A node:test reporter that counts leaf tests and writes the totals as JSON at the end,
// so the test script can add up the tiers into one closing line. It also keeps when each
// top-level suite ended and how long it ran: a tier much slower than its suites' time divided by
// its concurrency shows there which files ran alone, or what waited between them.
import { writeFileSync } from 'node:fs';

export default async function* summaryReporter(source) {
  const startedAt = Date.now();
  const totals = { passed: 0, failed: 0, skipped: 0, failures: [], wallMs: 0, suites: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.nesting === 0)
      totals.suites.push({
        file: data.file ?? data.name,
        endedAtMs: Date.now() - startedAt,
        durationMs: Math.round(data.details?.duration_ms ?? 0),
      });
    if (data.details?.type === 'suite') continue;
    if (data.skip || data.todo) totals.skipped++;
    else if (event.type === 'test:pass') totals.passed++;
    else {
      totals.failed++;
      totals.failures.push(`${data.file ?? ''} › ${data.name}`);
    }
  }
  totals.wallMs = Date.now() - startedAt;
  const target = process.env.HANDOFF_TEST_SUMMARY;
  if (target) writeFileSync(target, JSON.stringify(totals));
  yield '';
}
