import { bootstrapInterval, pick, type Interval } from './bootstrap.js';
import type { EvaluationSet } from './evaluation-set.js';
import { accuracy, macroF1, pearson } from './metrics.js';
import type { Scorer } from './scorers.js';

/** One line of the results: one metric on one set, with each scorer's value in scorer order. */
export interface ResultRow {
  set: string;
  language: string;
  size: number;
  metric: string;
  values: number[];
  /**
   * The first scorer's value less the second's, with a paired bootstrap 95% interval: whether the
   * gap between the two on this set is more than the set's own sampling noise.
   */
  difference?: Interval & { value: number };
}

/** Rated sets are measured by Pearson's r; labelled sets by accuracy and macro-F1. */
export function evaluateSet(set: EvaluationSet, scorers: readonly Scorer[]): ResultRow[] {
  const row = <Output, Truth>(
    metric: string,
    outputs: Output[][],
    truth: Truth[],
    measure: (truth: readonly Truth[], output: readonly Output[]) => number,
  ): ResultRow => {
    const values = outputs.map((output) => measure(truth, output));
    const [first, second] = outputs;
    const difference =
      first && second
        ? {
            value: values[0]! - values[1]!,
            ...bootstrapInterval(truth.length, (sample) => {
              const sampledTruth = pick(truth, sample);
              return (
                measure(sampledTruth, pick(first, sample)) -
                measure(sampledTruth, pick(second, sample))
              );
            }),
          }
        : undefined;
    return {
      set: set.name,
      language: set.language,
      size: set.items.length,
      metric,
      values,
      difference,
    };
  };
  if (set.kind === 'rated') {
    const scores = scorers.map((scorer) =>
      set.items.map((item) => scorer.score(item.text, item.language)),
    );
    const human = set.items.map((item) => item.human);
    return [row('Pearson r', scores, human, (truth, output) => pearson(output, truth))];
  }
  const gold = set.items.map((item) => item.label);
  const predictions = scorers.map((scorer) =>
    set.items.map((item) => scorer.polarity(scorer.score(item.text, item.language))),
  );
  return [
    row('accuracy', predictions, gold, accuracy),
    row('macro-F1', predictions, gold, macroF1),
  ];
}

/**
 * A markdown table with one column per scorer, then the first scorer's lead over the second with
 * its 95% interval; values to three decimals, "n/a" when undefined.
 */
export function markdownTable(rows: readonly ResultRow[], scorerNames: readonly string[]): string {
  const compared = scorerNames.length >= 2;
  const header = ['set', 'language', 'size', 'metric', ...scorerNames];
  if (compared) header.push(`${scorerNames[0]} − ${scorerNames[1]} (95% interval)`);
  const lines = rows.map((row) => {
    const cells = [
      row.set,
      row.language,
      String(row.size),
      row.metric,
      ...row.values.map(decimals),
    ];
    if (compared) cells.push(row.difference ? differenceCell(row.difference) : 'n/a');
    return cells;
  });
  const rightAligned = (column: number) => column === 2 || column >= 4;
  const rule = header.map((_, column) => (rightAligned(column) ? '---:' : '---'));
  return [header, rule, ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function differenceCell({ value, low, high }: NonNullable<ResultRow['difference']>): string {
  if (!Number.isFinite(value)) return 'n/a';
  const signed = (x: number) => (x > 0 ? '+' : '') + decimals(x);
  return `${signed(value)} (${signed(low)} to ${signed(high)})`;
}

function decimals(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}
