import type { Polarity } from './evaluation-set.js';

/** Pearson's r; NaN when either side does not vary (the correlation is undefined). */
export function pearson(xs: readonly number[], ys: readonly number[]): number {
  sameLength(xs, ys);
  const n = xs.length;
  if (n < 2) return Number.NaN;
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - meanX;
    const dy = ys[i]! - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0 || varianceY === 0) return Number.NaN;
  return covariance / Math.sqrt(varianceX * varianceY);
}

/** Share of items whose predicted class is the human one. */
export function accuracy(gold: readonly Polarity[], predicted: readonly Polarity[]): number {
  sameLength(gold, predicted);
  if (gold.length === 0) return Number.NaN;
  return gold.filter((label, i) => label === predicted[i]).length / gold.length;
}

/**
 * F1 averaged over the classes that occur in the human labels, each counting the same however
 * rare. On a set labelled only positive or negative, a "neutral" prediction is a miss for the
 * item's class and earns nothing, since neutral is not one of the averaged classes.
 */
export function macroF1(gold: readonly Polarity[], predicted: readonly Polarity[]): number {
  sameLength(gold, predicted);
  const classes = [...new Set(gold)];
  if (classes.length === 0) return Number.NaN;
  const scores = classes.map((label) => {
    let truePositives = 0;
    let predictedAsLabel = 0;
    let actuallyLabel = 0;
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === label) predictedAsLabel++;
      if (gold[i] === label) actuallyLabel++;
      if (predicted[i] === label && gold[i] === label) truePositives++;
    }
    return truePositives === 0 ? 0 : (2 * truePositives) / (predictedAsLabel + actuallyLabel);
  });
  return scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

/** A class from a score, with a neutral band of `band` either side of 0 (VADER's is 0.05). */
export function polarityOf(score: number, band: number): Polarity {
  return score >= band ? 'positive' : score <= -band ? 'negative' : 'neutral';
}

function sameLength(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new Error(`cannot compare ${a.length} values with ${b.length}`);
}
