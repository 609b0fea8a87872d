/** Best messages per second over a few rounds, after one warm-up round. */
export function messagesPerSecond(
  messages: readonly string[],
  score: (text: string) => unknown,
  rounds = 3,
): number {
  let best = 0;
  for (let round = 0; round <= rounds; round++) {
    const rate = oneRound(messages, score);
    if (round > 0) best = Math.max(best, rate);
  }
  return best;
}

export interface PairedThroughput {
  /** Median messages per second of each scorer. */
  ours: number;
  theirs: number;
  /** Median of the rounds' ratios, ours to theirs. */
  ratio: number;
}

/**
 * Two scorers measured in alternating rounds, after one warm-up round each, so both meet the same
 * machine (other processes, frequency, collector) and a noisy moment spoils one pair of rounds
 * rather than one side of the comparison.
 */
export function pairedThroughput(
  messages: readonly string[],
  ours: (text: string) => unknown,
  theirs: (text: string) => unknown,
  rounds = 7,
): PairedThroughput {
  const oursRates: number[] = [];
  const theirsRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const mine = oneRound(messages, ours);
    const other = oneRound(messages, theirs);
    if (round === 0) continue;
    oursRates.push(mine);
    theirsRates.push(other);
    ratios.push(mine / other);
  }
  return { ours: median(oursRates), theirs: median(theirsRates), ratio: median(ratios) };
}

function oneRound(messages: readonly string[], score: (text: string) => unknown): number {
  let sink = 0;
  const started = process.hrtime.bigint();
  for (const message of messages) if (score(message) !== undefined) sink++;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Keeps the scoring calls observable so they cannot be optimised away.
  if (sink < 0) throw new Error('unreachable');
  return messages.length / seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
