/** A logistic regression over standardised features: what training produces and scoring reads. */
export interface LogisticParameters {
  means: readonly number[];
  scales: readonly number[];
  weights: readonly number[];
  bias: number;
}

/** The model's log-odds for one feature vector. */
export function logOdds(parameters: LogisticParameters, features: ArrayLike<number>): number {
  const { means, scales, weights } = parameters;
  let sum = parameters.bias;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i]! * ((features[i]! - means[i]!) / scales[i]!);
  }
  return sum;
}

export function sigmoid(value: number): number {
  // Split by sign so a large magnitude never overflows Math.exp.
  if (value >= 0) return 1 / (1 + Math.exp(-value));
  const e = Math.exp(value);
  return e / (1 + e);
}

/** Probability 0..1 that the conversation needs a human. */
export function probability(parameters: LogisticParameters, features: ArrayLike<number>): number {
  return sigmoid(logOdds(parameters, features));
}
