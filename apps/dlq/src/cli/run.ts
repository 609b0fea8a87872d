import { ConfigError } from '@handoff/service-kit';
import type { KafkaConnection } from '@handoff/messaging';
import { listCommand } from '../commands/list.js';
import { replayCommand } from '../commands/replay.js';
import { showCommand } from '../commands/show.js';
import { readDeadLetters } from '../dead-letters/read-dead-letters.js';
import { createCliKafkaClient } from '../kafka/cli-kafka-client.js';
import type { Output } from '../output/output.js';
import type { CliRequest } from './arguments.js';
import { loadDlqConfig } from './config.js';
import { describeFailure } from './failure.js';

/** Runs a parsed command against the brokers the environment names; resolves to the exit code. */
export async function run(
  request: Exclude<CliRequest, { command: 'help' }>,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let connection: KafkaConnection | undefined;
  try {
    const config = loadDlqConfig(env);
    connection = config.connection;
    const kafka = createCliKafkaClient(connection, { verbose: request.verbose });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const log = await readDeadLetters(kafka, admin, {
        groupPrefix: config.groupPrefix,
        warn: (message) => output.note(`warning: ${message}`),
      });
      if (log.history.unreadable > 0)
        output.note(
          `warning: ${log.history.unreadable} records on the replays topic are not replay records; ignored`,
        );
      switch (request.command) {
        case 'list':
          return listCommand(log, request, output);
        case 'show':
          return showCommand(log, request, output);
        case 'replay':
          return await replayCommand(kafka, admin, log, request, output);
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  } catch (error) {
    output.error(error instanceof ConfigError ? error.message : describeFailure(error, connection));
    return 1;
  }
}
