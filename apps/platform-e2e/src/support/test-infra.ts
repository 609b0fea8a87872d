import { randomBytes } from 'node:crypto';

/** Where the test run's broker and store are; the test script exports these. */
export function testInfra() {
  const brokers = process.env['KAFKA_BROKERS'];
  const mongoUrl = process.env['MONGO_URL'];
  if (!brokers || !mongoUrl) {
    throw new Error(
      'KAFKA_BROKERS and MONGO_URL must point at the test broker and store (run deploy/test.sh)',
    );
  }
  return { brokers: brokers.split(','), mongoUrl };
}

/** A short id unique to one test file's run, for consumer groups, databases and aggregate ids. */
export function uniqueRunId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
