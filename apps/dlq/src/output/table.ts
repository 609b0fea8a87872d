import { truncate } from './format.js';

export interface Column<Row> {
  title: string;
  cell(row: Row): string;
  /** The one column that takes the width left over, cut to fit (at least `minWidth`). */
  fill?: { minWidth: number };
}

/** Rows under a header, in columns two spaces apart, no wider than `width` when the filling column allows. */
export function renderTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  width: number,
): string[] {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, index) =>
    Math.max(column.title.length, ...cells.map((row) => row[index]!.length)),
  );
  const gap = 2;
  const fillIndex = columns.findIndex((column) => column.fill);
  if (fillIndex !== -1) {
    const others = widths.reduce(
      (sum, value, index) => (index === fillIndex ? sum : sum + value + gap),
      0,
    );
    widths[fillIndex] = Math.min(
      widths[fillIndex]!,
      Math.max(columns[fillIndex]!.fill!.minWidth, width - others),
    );
  }
  const line = (values: string[]) =>
    values
      .map((value, index) => {
        const cut = truncate(value, widths[index]!);
        return index === values.length - 1 ? cut : cut.padEnd(widths[index]!);
      })
      .join(' '.repeat(gap))
      .trimEnd();
  return [line(columns.map((column) => column.title)), ...cells.map(line)];
}
