/** Where a command writes: its output on stdout, notes and errors on stderr. */
export interface Output {
  line(text: string): void;
  note(text: string): void;
  error(text: string): void;
  /** Columns a table may use. */
  width: number;
}

export function processOutput(): Output {
  const columns = process.stdout.isTTY ? process.stdout.columns : Number(process.env['COLUMNS']);
  return {
    line: (text) => void process.stdout.write(`${text}\n`),
    note: (text) => void process.stderr.write(`${text}\n`),
    error: (text) => void process.stderr.write(`dlq: ${text}\n`),
    width: Number.isInteger(columns) && columns > 0 ? columns : 160,
  };
}
