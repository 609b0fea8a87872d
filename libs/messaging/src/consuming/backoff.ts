export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/**
 * Capped exponential backoff with ±20% jitter, so replicas waiting on the same dependency do not
 * all retry in the same instant. `failures` counts consecutive failures, from 1.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  failures: number,
  random: () => number = Math.random,
): number {
  const exponential = policy.initialMs * 2 ** Math.max(0, Math.min(failures - 1, 30));
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped * (0.8 + 0.4 * random()));
}
