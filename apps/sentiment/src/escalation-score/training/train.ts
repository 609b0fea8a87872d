import { probability, sigmoid, type LogisticParameters } from '../logistic.js';
import type { GeneratedConversation } from './generate-conversations.js';
import { classificationMetrics } from './metrics.js';
import { SeededRandom } from '@handoff/service-kit';

export interface TrainingOptions {
  /** L2 penalty on the weights (not the bias), per example. */
  l2: number;
  learningRate: number;
  iterations: number;
}

export const defaultTrainingOptions: TrainingOptions = {
  l2: 0.01,
  learningRate: 0.5,
  iterations: 2000,
};

/** Mean and standard deviation of each column; a constant column keeps scale 1. */
export function standardisation(rows: readonly ArrayLike<number>[]): {
  means: number[];
  scales: number[];
} {
  const width = rows[0]?.length ?? 0;
  const means = new Array<number>(width).fill(0);
  const scales = new Array<number>(width).fill(0);
  for (const row of rows) for (let j = 0; j < width; j++) means[j]! += row[j]! / rows.length;
  for (const row of rows)
    for (let j = 0; j < width; j++) scales[j]! += (row[j]! - means[j]!) ** 2 / rows.length;
  return { means, scales: scales.map((variance) => (variance > 1e-12 ? Math.sqrt(variance) : 1)) };
}

/**
 * Logistic regression by batch gradient descent on standardised features with an L2 penalty.
 * Starts from zero and visits the rows in order, so the same data gives the same weights.
 */
export function fitLogistic(
  rows: readonly ArrayLike<number>[],
  labels: readonly boolean[],
  options: TrainingOptions = defaultTrainingOptions,
): LogisticParameters {
  const { means, scales } = standardisation(rows);
  const width = means.length;
  const standardised = rows.map((row) =>
    Float64Array.from({ length: width }, (_, j) => (row[j]! - means[j]!) / scales[j]!),
  );
  const weights = new Float64Array(width);
  const gradient = new Float64Array(width);
  let bias = 0;
  for (let step = 0; step < options.iterations; step++) {
    gradient.fill(0);
    let biasGradient = 0;
    standardised.forEach((x, i) => {
      let z = bias;
      for (let j = 0; j < width; j++) z += weights[j]! * x[j]!;
      const error = sigmoid(z) - (labels[i] ? 1 : 0);
      for (let j = 0; j < width; j++) gradient[j]! += error * x[j]!;
      biasGradient += error;
    });
    for (let j = 0; j < width; j++) {
      weights[j]! -= options.learningRate * (gradient[j]! / rows.length + options.l2 * weights[j]!);
    }
    bias -= (options.learningRate * biasGradient) / rows.length;
  }
  return { means, scales, weights: [...weights], bias };
}

export function scoreRows(
  parameters: LogisticParameters,
  rows: readonly ArrayLike<number>[],
): number[] {
  return rows.map((row) => probability(parameters, row));
}

export const thresholdRule =
  'the threshold with the best per-turn F1 on the validation conversations (0.05 to 0.95 in steps of 0.01; the higher one on a tie)';

/** The threshold `thresholdRule` describes, and the F1 it reaches. */
export function pickThreshold(
  scores: readonly number[],
  labels: readonly boolean[],
): { threshold: number; f1: number } {
  let best = { threshold: 0.5, f1: -1 };
  for (let hundredths = 5; hundredths <= 95; hundredths++) {
    const threshold = hundredths / 100;
    const { f1 } = classificationMetrics(
      scores.map((score) => score >= threshold),
      labels,
    );
    if (f1 >= best.f1) best = { threshold, f1 };
  }
  return best;
}

export interface ConversationSplit {
  train: GeneratedConversation[];
  validation: GeneratedConversation[];
  test: GeneratedConversation[];
}

/** Whole conversations to each part, so no conversation's turns are on both sides. */
export function splitConversations(
  conversations: readonly GeneratedConversation[],
  seed: number,
  shares = { validation: 0.2, test: 0.2 },
): ConversationSplit {
  const shuffled = new SeededRandom(seed ^ 0x5eed).shuffled(conversations);
  const validationSize = Math.round(shuffled.length * shares.validation);
  const testSize = Math.round(shuffled.length * shares.test);
  return {
    validation: shuffled.slice(0, validationSize),
    test: shuffled.slice(validationSize, validationSize + testSize),
    train: shuffled.slice(validationSize + testSize),
  };
}
