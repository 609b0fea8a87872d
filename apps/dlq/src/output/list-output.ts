import type { DeadLetterReplayRecord } from '@handoff/contracts';
import type { DeadLetterView } from '../dead-letters/dead-letter-view.js';
import { replaysOf, type ReplayHistory } from '../replay/replay-history.js';
import { encodeBytes, type EncodedBytes } from './bytes.js';
import { oneLine, originText, replayedText, timeText } from './format.js';
import { renderTable, type Column } from './table.js';

interface Row {
  letter: DeadLetterView;
  replays: number;
}

const columns: Column<Row>[] = [
  { title: 'ID', cell: ({ letter }) => letter.id },
  { title: 'FAILED AT', cell: ({ letter }) => timeText(letter.failedAt) },
  { title: 'ORIGINAL', cell: ({ letter }) => originText(letter) },
  { title: 'STAGE', cell: ({ letter }) => letter.stage ?? '-' },
  {
    title: 'ATTEMPTS',
    cell: ({ letter }) => (letter.attempts === null ? '-' : String(letter.attempts)),
  },
  { title: 'EVENT TYPE', cell: ({ letter }) => letter.eventType ?? '-' },
  {
    title: 'EVENT ID',
    cell: ({ letter }) =>
      letter.eventId ?? (letter.valueOmitted === null ? '-' : '(value omitted)'),
  },
  { title: 'REPLAYED', cell: ({ replays }) => replayedText(replays) },
  { title: 'REASON', cell: ({ letter }) => oneLine(letter.reason ?? '-'), fill: { minWidth: 24 } },
];

/** The list as a table, the reason cut to the width left. */
export function listTable(
  letters: readonly DeadLetterView[],
  history: ReplayHistory,
  width: number,
): string[] {
  return renderTable(
    letters.map((letter) => ({ letter, replays: replaysOf(history, letter.id).length })),
    columns,
    width,
  );
}

export type DeadLetterSummaryJson = Omit<DeadLetterView, 'record'> & {
  key: EncodedBytes | null;
  valueBytes: number | null;
  replays: DeadLetterReplayRecord[];
};

/** One dead letter as the JSON lines of `list --json` give it (everything but the value). */
export function deadLetterSummaryJson(
  letter: DeadLetterView,
  history: ReplayHistory,
): DeadLetterSummaryJson {
  const { record, ...fields } = letter;
  return {
    ...fields,
    key: record.key === null ? null : encodeBytes(record.key),
    valueBytes: record.value === null ? null : record.value.length,
    replays: replaysOf(history, letter.id),
  };
}
