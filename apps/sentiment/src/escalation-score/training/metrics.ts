export interface ClassificationMetrics {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of yes/no predictions against the truth (0 where undefined). */
export function classificationMetrics(
  predicted: readonly boolean[],
  actual: readonly boolean[],
): ClassificationMetrics {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  predicted.forEach((yes, i) => {
    if (yes && actual[i]) truePositives++;
    else if (yes) falsePositives++;
    else if (actual[i]) falseNegatives++;
    else trueNegatives++;
  });
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  const f1 = ratio(2 * precision * recall, precision + recall);
  return { truePositives, falsePositives, falseNegatives, trueNegatives, precision, recall, f1 };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** Area under the ROC curve: how often a positive scores above a negative (ties count half). */
export function rocAuc(scores: readonly number[], actual: readonly boolean[]): number {
  const order = scores.map((score, i) => ({ score, positive: actual[i]! }));
  order.sort((a, b) => a.score - b.score);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]!.score === order[i]!.score) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]!.positive) {
        positives++;
        rankSum += meanRank;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
