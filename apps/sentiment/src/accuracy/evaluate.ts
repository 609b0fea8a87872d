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
}

/** Rated sets are measured by Pearson's r; labelled sets by accuracy and macro-F1. */
export function evaluateSet(set: EvaluationSet, scorers: readonly Scorer[]): ResultRow[] {
  const row = (metric: string, values: number[]): ResultRow => ({
    set: set.name,
    language: set.language,
    size: set.items.length,
    metric,
    values,
  });
  if (set.kind === 'rated') {
    const human = set.items.map((item) => item.human);
    const values = scorers.map((scorer) =>
      pearson(
        set.items.map((item) => scorer.score(item.text, item.language)),
        human,
      ),
    );
    return [row('Pearson r', values)];
  }
  const gold = set.items.map((item) => item.label);
  const predictions = scorers.map((scorer) =>
    set.items.map((item) => scorer.polarity(scorer.score(item.text, item.language))),
  );
  return [
    row(
      'accuracy',
      predictions.map((predicted) => accuracy(gold, predicted)),
    ),
    row(
      'macro-F1',
      predictions.map((predicted) => macroF1(gold, predicted)),
    ),
  ];
}

/** A markdown table with one column per scorer; values to three decimals, "n/a" when undefined. */
export function markdownTable(rows: readonly ResultRow[], scorerNames: readonly string[]): string {
  const header = ['set', 'language', 'size', 'metric', ...scorerNames];
  const lines = rows.map((row) => [
    row.set,
    row.language,
    String(row.size),
    row.metric,
    ...row.values.map((value) => (Number.isFinite(value) ? value.toFixed(3) : 'n/a')),
  ]);
  const rightAligned = (column: number) => column === 2 || column >= 4;
  const rule = header.map((_, column) => (rightAligned(column) ? '---:' : '---'));
  return [header, rule, ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
