/**
 * Reads records for several keys with one equality query per key, a few at a time, and returns
 * them all in the keys' order. A list of keys (`$in`) is not narrowed by every MongoDB-compatible
 * store and can cost a scan of the whole collection; equality is pushed down everywhere.
 */
export async function readEach<T>(
  keys: readonly string[],
  read: (key: string) => Promise<T[]>,
  concurrency = 8,
): Promise<T[]> {
  const found = new Array<T[]>(keys.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < keys.length; index = next++)
      found[index] = await read(keys[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return found.flat();
}
