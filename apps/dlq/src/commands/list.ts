import { Topics } from '@handoff/contracts';
import type { DeadLetterLog } from '../dead-letters/read-dead-letters.js';
import { selectDeadLetters, type DeadLetterFilter } from '../dead-letters/filters.js';
import { deadLetterSummaryJson, listTable } from '../output/list-output.js';
import type { Output } from '../output/output.js';

export function listCommand(
  log: DeadLetterLog,
  { filter, json }: { filter: DeadLetterFilter; json: boolean },
  output: Output,
): number {
  const selected = selectDeadLetters(log.letters, filter);
  if (json) {
    for (const letter of selected)
      output.line(JSON.stringify(deadLetterSummaryJson(letter, log.history)));
    return 0;
  }
  if (log.deadLetterTopic === null) {
    output.line(`No dead letters: ${Topics.DeadLetter} does not exist.`);
    return 0;
  }
  if (selected.length > 0)
    for (const line of listTable(selected, log.history, output.width)) output.line(line);
  const of = selected.length === log.letters.length ? '' : ` (of ${log.letters.length})`;
  output.line(
    `${selected.length} dead letter${selected.length === 1 ? '' : 's'}${of} on ${Topics.DeadLetter}`,
  );
  return 0;
}
