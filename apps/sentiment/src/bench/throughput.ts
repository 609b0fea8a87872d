/** Best messages per second over a few rounds, after one warm-up round. */
export function messagesPerSecond(
  messages: readonly string[],
  score: (text: string) => unknown,
  rounds = 3,
): number {
  let sink = 0;
  let best = 0;
  for (let round = 0; round <= rounds; round++) {
    const started = process.hrtime.bigint();
    for (const message of messages) if (score(message) !== undefined) sink++;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (round > 0) best = Math.max(best, messages.length / seconds);
  }
  // Keeps the scoring calls observable so they cannot be optimised away.
  if (sink < 0) throw new Error('unreachable');
  return best;
}
