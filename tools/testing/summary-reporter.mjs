// A node:test reporter that counts leaf tests and writes the totals as JSON at the end,
// so the test script can add up the tiers into one closing line.
import { writeFileSync } from 'node:fs';

export default async function* summaryReporter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    if (data.skip || data.todo) totals.skipped++;
    else if (event.type === 'test:pass') totals.passed++;
    else {
      totals.failed++;
      totals.failures.push(`${data.file ?? ''} › ${data.name}`);
    }
  }
  const target = process.env.HANDOFF_TEST_SUMMARY;
  if (target) writeFileSync(target, JSON.stringify(totals));
  yield '';
}
