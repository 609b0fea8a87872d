import { userInfo, hostname } from 'node:os';
import type { Admin, Kafka } from 'kafkajs';
import type { DeadLetterLog } from '../dead-letters/read-dead-letters.js';
import { selectDeadLetters, type DeadLetterFilter } from '../dead-letters/filters.js';
import type { Output } from '../output/output.js';
import { describeSummary } from '../output/replay-report.js';
import { ReplayInterrupted, replayDeadLetters } from '../replay/replay.js';

export interface ReplayRequest {
  filter: DeadLetterFilter;
  again: boolean;
  dryRun: boolean;
}

export async function replayCommand(
  kafka: Kafka,
  admin: Admin,
  log: DeadLetterLog,
  request: ReplayRequest,
  output: Output,
): Promise<number> {
  const selected = selectDeadLetters(log.letters, request.filter);
  try {
    const summary = await replayDeadLetters(
      kafka,
      admin,
      log,
      selected,
      { again: request.again, dryRun: request.dryRun, replayedBy: replayedBy() },
      output,
    );
    output.line(describeSummary(summary));
    return summary.failed > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ReplayInterrupted) output.line(describeSummary(error.summary));
    throw error;
  }
}

/** `<user>@<host>`; a container user without a passwd entry is named by its uid. */
export function replayedBy(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env['USER'] ?? process.env['LOGNAME'] ?? String(process.getuid?.() ?? 'unknown');
  }
  return `${user}@${hostname()}`;
}
