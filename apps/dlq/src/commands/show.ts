import { Topics } from '@handoff/contracts';
import type { DeadLetterLog } from '../dead-letters/read-dead-letters.js';
import { selectDeadLetters } from '../dead-letters/filters.js';
import type { Output } from '../output/output.js';
import { showJson, showText } from '../output/show-output.js';

/** Shows the dead letter with this id, or every dead letter of the event with this id. */
export function showCommand(
  log: DeadLetterLog,
  { id, json }: { id: string; json: boolean },
  output: Output,
): number {
  const found = selectDeadLetters(log.letters, { ids: [id] });
  if (found.length === 0) {
    output.error(
      `no dead letter ${id} on ${Topics.DeadLetter} (give <partition>:<offset> as list shows it, or an event id)`,
    );
    return 1;
  }
  found.forEach((letter, index) => {
    if (json) return output.line(JSON.stringify(showJson(letter, log.history)));
    if (index > 0) output.line('');
    for (const line of showText(letter, log.history)) output.line(line);
  });
  return 0;
}
