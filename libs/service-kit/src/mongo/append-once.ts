import type { Model } from 'mongoose';

const duplicateKey = 11000;

/**
 * Inserts what is not there yet, in one unordered insert; returns the ids that were there already
 * (a redelivery, or another writer that got there first). Records keyed by a deterministic id make
 * an append safe to repeat.
 */
export async function appendOnce<T extends { _id: string }>(
  model: Model<T>,
  records: readonly T[],
): Promise<string[]> {
  if (records.length === 0) return [];
  try {
    await model.collection.insertMany(records as never[], { ordered: false });
    return [];
  } catch (error) {
    const writeErrors = (error as { writeErrors?: { code?: number; index: number }[] }).writeErrors;
    if (!writeErrors?.length || writeErrors.some((writeError) => writeError.code !== duplicateKey))
      throw error;
    return writeErrors.map((writeError) => records[writeError.index]!._id);
  }
}
