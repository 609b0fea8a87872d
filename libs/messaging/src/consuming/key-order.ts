/**
 * Runs `work` on items with up to `concurrency` keys in flight at once, each key's items one after
 * another in their original order (the order Kafka guarantees per key). Results come back in the
 * input's order. This is how a handler uses a batch's parallelism without reordering one
 * conversation's events.
 */
export async function inKeyOrder<T, R>(
  items: readonly T[],
  keyOf: (item: T) => string,
  work: (item: T) => Promise<R>,
  concurrency: number,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const lanes = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    const lane = lanes.get(key);
    if (lane) lane.push(index);
    else lanes.set(key, [index]);
  });
  const queue = [...lanes.values()];
  const runLanes = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (const index of lane) results[index] = await work(items[index]!);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, runLanes),
  );
  return results;
}
