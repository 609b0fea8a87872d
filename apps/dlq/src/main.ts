import { parseArguments, usage, usageLine, UsageError, type CliRequest } from './cli/arguments.js';

// `npm run dlq -- list|show|replay [options]`; exits 0 when done, 1 when it failed, 2 on a usage error.
let request: CliRequest | undefined;
try {
  request = parseArguments(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`dlq: ${error.message}\n${usageLine}\n`);
  process.exitCode = 2;
}

if (request?.command === 'help') process.stdout.write(`${usage}\n`);
else if (request) {
  // Loaded only now: the Kafka and Nest modules take a moment, which a usage error need not wait for.
  const [{ run }, { processOutput }] = await Promise.all([
    import('./cli/run.js'),
    import('./output/output.js'),
  ]);
  process.exitCode = await run(request, processOutput());
  // Everything is disconnected by now; a handle kafkajs left behind must not keep the command alive.
  setTimeout(() => process.exit(), 1_000).unref();
}
